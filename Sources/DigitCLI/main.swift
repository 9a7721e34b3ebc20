// The `digits` executable: everything it does is in the DigitCommands library (the root command
// `Digits` and one ParsableCommand per subcommand), where the unit tests reach it too.
import DigitCommands

Digits.main()
