// The number formats, the JSON writer and the checkpoint facts live in the Presentation module,
// shared with the server (`digits serve`); every file of DigitCommands sees them.
@_exported import Presentation
