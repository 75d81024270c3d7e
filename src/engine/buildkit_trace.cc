#include "engine/buildkit_trace.h"

#include "engine/proto_wire.h"

namespace drydock::engine {
namespace {

using WireType = ProtoField::WireType;

// A field of the wrong wire type for its number is malformed, not skipped: that is how a
// schema mismatch shows up, and silently reading garbage would be worse.
bool WantBytes(const ProtoField& f) { return f.type == WireType::kBytes; }
bool WantVarint(const ProtoField& f) { return f.type == WireType::kVarint; }

bool DecodeTime(std::string_view bytes, TraceTime* out) {
  ProtoReader r(bytes);
  ProtoField f;
  out->present = true;
  while (r.Next(&f)) {
    if (f.number == 1 && WantVarint(f)) out->seconds = static_cast<int64_t>(f.varint);
    if (f.number == 2 && WantVarint(f)) out->nanos = static_cast<int32_t>(f.varint);
  }
  return r.ok();
}

bool DecodeVertex(std::string_view bytes, TraceVertex* v) {
  ProtoReader r(bytes);
  ProtoField f;
  while (r.Next(&f)) {
    switch (f.number) {
      case 1:
        if (!WantBytes(f)) return false;
        v->digest = f.bytes;
        break;
      case 2:
        if (!WantBytes(f)) return false;
        v->inputs.emplace_back(f.bytes);
        break;
      case 3:
        if (!WantBytes(f)) return false;
        v->name = f.bytes;
        break;
      case 4:
        if (!WantVarint(f)) return false;
        v->cached = f.varint != 0;
        break;
      case 5:
        if (!WantBytes(f) || !DecodeTime(f.bytes, &v->started)) return false;
        break;
      case 6:
        if (!WantBytes(f) || !DecodeTime(f.bytes, &v->completed)) return false;
        break;
      case 7:
        if (!WantBytes(f)) return false;
        v->error = f.bytes;
        break;
      default:
        break;  // progressGroup (8) and anything newer.
    }
  }
  return r.ok();
}

bool DecodeStatus(std::string_view bytes, TraceStatus* s) {
  ProtoReader r(bytes);
  ProtoField f;
  while (r.Next(&f)) {
    switch (f.number) {
      case 1:
        if (!WantBytes(f)) return false;
        s->id = f.bytes;
        break;
      case 2:
        if (!WantBytes(f)) return false;
        s->vertex = f.bytes;
        break;
      case 3:
        if (!WantBytes(f)) return false;
        s->name = f.bytes;
        break;
      case 4:
        if (!WantVarint(f)) return false;
        s->current = static_cast<int64_t>(f.varint);
        break;
      case 5:
        if (!WantVarint(f)) return false;
        s->total = static_cast<int64_t>(f.varint);
        break;
      case 6:
        if (!WantBytes(f) || !DecodeTime(f.bytes, &s->timestamp)) return false;
        break;
      case 7:
        if (!WantBytes(f) || !DecodeTime(f.bytes, &s->started)) return false;
        break;
      case 8:
        if (!WantBytes(f) || !DecodeTime(f.bytes, &s->completed)) return false;
        break;
      default:
        break;
    }
  }
  return r.ok();
}

bool DecodeLog(std::string_view bytes, TraceLog* l) {
  ProtoReader r(bytes);
  ProtoField f;
  while (r.Next(&f)) {
    switch (f.number) {
      case 1:
        if (!WantBytes(f)) return false;
        l->vertex = f.bytes;
        break;
      case 2:
        if (!WantBytes(f) || !DecodeTime(f.bytes, &l->timestamp)) return false;
        break;
      case 3:
        if (!WantVarint(f)) return false;
        l->stream = static_cast<int64_t>(f.varint);
        break;
      case 4:
        if (!WantBytes(f)) return false;
        l->msg = f.bytes;
        break;
      default:
        break;
    }
  }
  return r.ok();
}

bool DecodeWarning(std::string_view bytes, TraceWarning* w) {
  ProtoReader r(bytes);
  ProtoField f;
  while (r.Next(&f)) {
    switch (f.number) {
      case 1:
        if (!WantBytes(f)) return false;
        w->vertex = f.bytes;
        break;
      case 2:
        if (!WantVarint(f)) return false;
        w->level = static_cast<int64_t>(f.varint);
        break;
      case 3:
        if (!WantBytes(f)) return false;
        w->short_message = f.bytes;
        break;
      case 4:
        if (!WantBytes(f)) return false;
        w->detail.emplace_back(f.bytes);
        break;
      case 5:
        if (!WantBytes(f)) return false;
        w->url = f.bytes;
        break;
      default:
        break;  // info (6), ranges (7).
    }
  }
  return r.ok();
}

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

std::optional<StatusResponse> DecodeStatusResponse(std::string_view bytes) {
  StatusResponse out;
  ProtoReader r(bytes);
  ProtoField f;
  while (r.Next(&f)) {
    if (f.number >= 1 && f.number <= 4 && !WantBytes(f)) return std::nullopt;
    switch (f.number) {
      case 1:
        if (!DecodeVertex(f.bytes, &out.vertexes.emplace_back())) return std::nullopt;
        break;
      case 2:
        if (!DecodeStatus(f.bytes, &out.statuses.emplace_back())) return std::nullopt;
        break;
      case 3:
        if (!DecodeLog(f.bytes, &out.logs.emplace_back())) return std::nullopt;
        break;
      case 4:
        if (!DecodeWarning(f.bytes, &out.warnings.emplace_back())) return std::nullopt;
        break;
      default:
        break;
    }
  }
  if (!r.ok()) return std::nullopt;
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(text.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    int v = Base64Value(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return out;
}

}  // namespace drydock::engine
