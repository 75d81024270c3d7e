#include "image/compression.h"

#include <isa-l/igzip_lib.h>
#include <zstd.h>

#include <cstring>
#include <vector>

namespace drydock::image {

namespace {

constexpr size_t kInBuffer = 256 * 1024;

class GzipSource final : public ByteSource {
 public:
  GzipSource(ByteSource& inner, std::string what) : inner_(inner), what_(std::move(what)), in_(kInBuffer) {
    isal_inflate_init(&state_);
    state_.crc_flag = IGZIP_GZIP;
  }

  Result<size_t> Read(void* out, size_t size) override {
    if (done_ || size == 0) return size_t{0};
    for (;;) {
      if (state_.avail_in == 0 && !eof_) {
        Result<size_t> n = inner_.Read(in_.data(), in_.size());
        if (!n.ok()) return n.error();
        if (*n == 0) eof_ = true;
        state_.next_in = in_.data();
        state_.avail_in = static_cast<uint32_t>(*n);
      }
      if (state_.block_state == ISAL_BLOCK_FINISH) {
        // Another gzip member may follow (pigz and eStargz write several).
        if (state_.avail_in == 0 && eof_) {
          done_ = true;
          return size_t{0};
        }
        if (state_.avail_in == 0) continue;
        if (state_.next_in[0] != 0x1f) return MakeError(what_ + ": trailing bytes after the gzip stream");
        uint8_t* next = state_.next_in;
        uint32_t avail = state_.avail_in;
        isal_inflate_reset(&state_);
        state_.crc_flag = IGZIP_GZIP;
        state_.next_in = next;
        state_.avail_in = avail;
      }
      state_.next_out = static_cast<uint8_t*>(out);
      state_.avail_out = static_cast<uint32_t>(std::min<size_t>(size, 1u << 30));
      int rc = isal_inflate(&state_);
      size_t produced = static_cast<size_t>(state_.next_out - static_cast<uint8_t*>(out));
      if (rc == ISAL_INCORRECT_CHECKSUM) return MakeError(what_ + ": gzip checksum mismatch");
      if (rc < 0) return MakeError(what_ + ": corrupt gzip data (igzip error " + std::to_string(rc) + ")");
      if (produced > 0) return produced;
      if (state_.block_state == ISAL_BLOCK_FINISH) continue;
      if (state_.avail_in == 0 && eof_) return MakeError(what_ + ": truncated gzip stream");
    }
  }

 private:
  ByteSource& inner_;
  std::string what_;
  std::vector<uint8_t> in_;
  inflate_state state_;
  bool eof_ = false;
  bool done_ = false;
};

class ZstdSource final : public ByteSource {
 public:
  ZstdSource(ByteSource& inner, std::string what)
      : inner_(inner), what_(std::move(what)), in_(ZSTD_DStreamInSize()), ctx_(ZSTD_createDCtx()) {}
  ~ZstdSource() override { ZSTD_freeDCtx(ctx_); }

  Result<size_t> Read(void* out, size_t size) override {
    if (size == 0) return size_t{0};
    for (;;) {
      if (input_.pos == input_.size && !eof_) {
        Result<size_t> n = inner_.Read(in_.data(), in_.size());
        if (!n.ok()) return n.error();
        if (*n == 0) eof_ = true;
        input_ = {in_.data(), *n, 0};
      }
      if (input_.pos == input_.size && eof_) {
        if (!frame_done_) return MakeError(what_ + ": truncated zstd stream");
        return size_t{0};
      }
      ZSTD_outBuffer output{out, size, 0};
      size_t rc = ZSTD_decompressStream(ctx_, &output, &input_);
      if (ZSTD_isError(rc)) return MakeError(what_ + ": corrupt zstd data (" + ZSTD_getErrorName(rc) + ")");
      frame_done_ = rc == 0;
      if (output.pos > 0) return output.pos;
    }
  }

 private:
  ByteSource& inner_;
  std::string what_;
  std::vector<char> in_;
  ZSTD_DCtx* ctx_;
  ZSTD_inBuffer input_{nullptr, 0, 0};
  bool eof_ = false;
  bool frame_done_ = true;
};

class PassThrough final : public ByteSource {
 public:
  explicit PassThrough(ByteSource& inner) : inner_(inner) {}
  Result<size_t> Read(void* out, size_t size) override { return inner_.Read(out, size); }

 private:
  ByteSource& inner_;
};

}  // namespace

std::string_view CompressionName(Compression c) {
  switch (c) {
    case Compression::kNone: return "none";
    case Compression::kGzip: return "gzip";
    case Compression::kZstd: return "zstd";
  }
  return "none";
}

Compression SniffCompression(std::string_view head) {
  if (head.size() >= 2 && static_cast<uint8_t>(head[0]) == 0x1f && static_cast<uint8_t>(head[1]) == 0x8b) {
    return Compression::kGzip;
  }
  if (head.size() >= 4 && static_cast<uint8_t>(head[0]) == 0x28 && static_cast<uint8_t>(head[1]) == 0xb5 &&
      static_cast<uint8_t>(head[2]) == 0x2f && static_cast<uint8_t>(head[3]) == 0xfd) {
    return Compression::kZstd;
  }
  return Compression::kNone;
}

std::unique_ptr<ByteSource> MakeDecompressor(ByteSource& inner, Compression c, std::string what) {
  switch (c) {
    case Compression::kGzip: return std::make_unique<GzipSource>(inner, std::move(what));
    case Compression::kZstd: return std::make_unique<ZstdSource>(inner, std::move(what));
    case Compression::kNone: break;
  }
  return std::make_unique<PassThrough>(inner);
}

std::string GzipCompress(std::string_view bytes) {
  isal_zstream stream;
  isal_deflate_init(&stream);
  std::vector<uint8_t> level_buf(ISAL_DEF_LVL1_DEFAULT);
  stream.level = 1;
  stream.level_buf = level_buf.data();
  stream.level_buf_size = static_cast<uint32_t>(level_buf.size());
  stream.gzip_flag = IGZIP_GZIP;
  stream.end_of_stream = 1;
  stream.flush = NO_FLUSH;
  stream.next_in = reinterpret_cast<uint8_t*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uint32_t>(bytes.size());
  std::string out;
  std::vector<uint8_t> buf(1 << 20);
  do {
    stream.next_out = buf.data();
    stream.avail_out = static_cast<uint32_t>(buf.size());
    int rc = isal_deflate(&stream);
    DD_CHECK(rc == COMP_OK);
    out.append(reinterpret_cast<char*>(buf.data()), buf.size() - stream.avail_out);
  } while (stream.internal_state.state != ZSTATE_END);
  return out;
}

std::string ZstdCompress(std::string_view bytes, int level) {
  std::string out(ZSTD_compressBound(bytes.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), bytes.data(), bytes.size(), level);
  DD_CHECK(!ZSTD_isError(n));
  out.resize(n);
  return out;
}

}  // namespace drydock::image
