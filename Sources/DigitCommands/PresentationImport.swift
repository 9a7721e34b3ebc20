// The number formats, the JSON writer and the checkpoint facts live in the Presentation module,
// shared with the server (`digits serve`); every file of the command sees them as before.
@_exported import Presentation
