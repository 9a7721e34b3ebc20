/// Why the server could not start or serve. Each message is one line naming the option at fault.
public enum ServerError: Error, CustomStringConvertible, Equatable {
    /// `--host` is not an IPv4 or IPv6 address (nor `localhost`).
    case badHost(String)
    /// Another process already listens on the address.
    case portInUse(host: String, port: Int)
    /// The operating system refused to listen there (a privileged port, an address not of this
    /// machine); `reason` is its message.
    case cannotListen(host: String, port: Int, reason: String)
    /// The checkpoint's network does not read 28 × 28 images into 10 classes.
    case notAnMNISTNetwork(path: String, inputSize: Int, classCount: Int)

    public var description: String {
        switch self {
        case .badHost(let host):
            return "--host \(host): expected an IPv4 or IPv6 address such as 127.0.0.1, 0.0.0.0 or ::1"
        case .portInUse(let host, let port):
            return
                "--port \(port): the address \(host):\(port) is already in use (another server runs there; choose another --port)"
        case .cannotListen(let host, let port, let reason):
            return "--host \(host) --port \(port): cannot listen there: \(reason)"
        case .notAnMNISTNetwork(let path, let inputSize, let classCount):
            return
                "\(path): the network reads \(inputSize) inputs into \(classCount) classes, expected 784 (28×28) into 10 digits"
        }
    }
}
