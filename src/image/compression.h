// Layer compression, told apart by magic bytes (a layer's mediaType is only a hint: docker save
// omits it and old builders got it wrong). Streaming inflate goes through ISA-L's igzip (about
// four times zlib on this hardware), zstd through libzstd. This file is the only includer of both
// libraries.
#ifndef DRYDOCK_IMAGE_COMPRESSION_H_
#define DRYDOCK_IMAGE_COMPRESSION_H_

#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"
#include "image/byte_source.h"

namespace drydock::image {

enum class Compression { kNone, kGzip, kZstd };

std::string_view CompressionName(Compression c);  // "none", "gzip", "zstd"
// From the first bytes of a blob: 1f 8b is gzip, 28 b5 2f fd is zstd, anything else is taken
// as uncompressed (the tar reader then checks the tar magic).
Compression SniffCompression(std::string_view head);

// A source yielding the decompressed bytes of `inner`. Corrupt input, a bad checksum or a
// truncated stream is an Error "<what>: <reason>". Concatenated gzip members are read as one
// stream (as gzip -d does); bytes after the last zstd frame / gzip member that are not another
// member are an Error.
std::unique_ptr<ByteSource> MakeDecompressor(ByteSource& inner, Compression c, std::string what);

// Whole-buffer compression, for tests and benchmarks that build compressed layers in memory.
std::string GzipCompress(std::string_view bytes);
std::string ZstdCompress(std::string_view bytes, int level);

}  // namespace drydock::image

#endif  // DRYDOCK_IMAGE_COMPRESSION_H_
