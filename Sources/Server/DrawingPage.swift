/// The page served at `GET /`.
enum DrawingPage {
    static let html = "<!doctype html><title>digits</title>"
}
