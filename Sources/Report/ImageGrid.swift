// Grey digit images side by side, drawn as dark ink on a light page.

import Imaging

/// Lays out grey images (such as MNIST digits) in a grid picture.
///
/// - Parameters:
///   - images: each image is `[height, width]` bytes, row-major, where 0 is background and
///     255 is full ink (the MNIST convention).
///   - width, height: every image's size in pixels (28 × 28 for MNIST).
///   - layout: columns, integer upscale factor, gap size and gap colour.
///   - frames: optional frame colour per image (same order; `nil` for none), drawn as a
///     `layout.gap / 2`-pixel border in the gap around the tile, e.g. to mark confidence.
/// - Returns: an RGB picture in which each image is inverted (ink 255 → black, background
///   0 → white), so digits read like pen on paper, each source pixel a `scale` × `scale` block.
///   Tile `i` sits at row `i / columns`, column `i % columns` (`TileLayout.position`).
/// - Throws: `ReportError.wrongSize` if an image does not hold `width × height` bytes,
///   `ReportError.notPositive` if `width` or `height` is below 1.
public func imageGrid(
    _ images: [[UInt8]], width: Int = 28, height: Int = 28, layout: TileLayout = TileLayout(),
    frames: [RGB?] = []
) throws(ReportError) -> RGBImage {
    guard width > 0 else { throw .notPositive(input: "image width", value: width) }
    guard height > 0 else { throw .notPositive(input: "image height", value: height) }
    for (index, image) in images.enumerated() where image.count != width * height {
        throw .wrongSize(input: "image", index: index, expected: width * height, found: image.count)
    }
    let size = layout.size(tiles: images.count, tileWidth: width, tileHeight: height)
    var picture = RGBImage(width: size.width, height: size.height, fill: layout.background)
    let s = layout.scale
    for (index, image) in images.enumerated() {
        let origin = layout.origin(ofTile: index, tileWidth: width, tileHeight: height)
        if index < frames.count, let frame = frames[index] {
            let border = layout.gap / 2
            picture.fill(
                x: origin.x - border, y: origin.y - border,
                width: width * s + 2 * border, height: height * s + 2 * border, color: frame)
        }
        for y in 0..<height {
            for x in 0..<width {
                let grey = 255 - image[y * width + x]
                picture.fill(
                    x: origin.x + x * s, y: origin.y + y * s, width: s, height: s,
                    color: RGB(grey, grey, grey))
            }
        }
    }
    return picture
}
