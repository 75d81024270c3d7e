#include "engine/proto_wire.h"

#include <gtest/gtest.h>

#include <string>

#include "engine/buildkit_trace.h"

namespace drydock::engine {
namespace {

std::string Bytes(std::initializer_list<int> b) {
  std::string s;
  for (int c : b) s.push_back(static_cast<char>(c));
  return s;
}

std::string Walk(const std::string& data) {
  ProtoReader r(data);
  ProtoField f;
  std::string out;
  while (r.Next(&f)) {
    out += std::to_string(f.number) + ":";
    if (f.type == ProtoField::WireType::kBytes) {
      out += "\"" + std::string(f.bytes) + "\" ";
    } else {
      out += std::to_string(f.varint) + " ";
    }
  }
  return out + (r.ok() ? "ok" : "malformed");
}

TEST(ProtoReaderTest, WireTypes) {
  // 1: varint 150; 2: "hi"; 3: fixed32 1; 4: fixed64 2; 16: varint 1 (two-byte key).
  EXPECT_EQ(Walk(Bytes({0x08, 0x96, 0x01, 0x12, 0x02, 'h', 'i', 0x1d, 1, 0, 0, 0, 0x21, 2, 0, 0,
                        0, 0, 0, 0, 0, 0x80, 0x01, 0x01})),
            "1:150 2:\"hi\" 3:1 4:2 16:1 ok");
  EXPECT_EQ(Walk(""), "ok");
  // Max varint (10 bytes).
  EXPECT_EQ(Walk(Bytes({0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})),
            "1:18446744073709551615 ok");
}

TEST(ProtoReaderTest, MalformedInput) {
  EXPECT_EQ(Walk(Bytes({0x08})), "malformed");                    // Value missing.
  EXPECT_EQ(Walk(Bytes({0x08, 0x80})), "malformed");              // Truncated varint.
  EXPECT_EQ(Walk(Bytes({0x12, 0x05, 'a'})), "malformed");         // Length past the end.
  EXPECT_EQ(Walk(Bytes({0x12, 0xff, 0xff, 0xff, 0xff, 0x0f})), "malformed");  // Huge length.
  EXPECT_EQ(Walk(Bytes({0x00, 0x01})), "malformed");              // Field number 0.
  EXPECT_EQ(Walk(Bytes({0x0b})), "malformed");                    // Group start.
  EXPECT_EQ(Walk(Bytes({0x0d, 1, 2})), "malformed");              // Fixed32 cut short.
  EXPECT_EQ(Walk(Bytes({0x08, 0x01, 0x08})), "1:1 malformed");    // Good field, then bad.
  EXPECT_EQ(Walk(Bytes({0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})),
            "malformed");  // 11-byte varint.
}

TEST(StatusResponseTest, DecodesAndSkipsUnknownFields) {
  // Vertex{digest "d", name "n", cached, started{seconds 5}, unknown field 9 = "x", error "e"}.
  std::string vertex = Bytes({0x0a, 1, 'd', 0x1a, 1, 'n', 0x20, 1, 0x2a, 2, 0x08, 5, 0x4a, 1, 'x',
                              0x3a, 1, 'e'});
  // VertexLog{vertex "d", stream 2, msg "hi"}.
  std::string log = Bytes({0x0a, 1, 'd', 0x18, 2, 0x22, 2, 'h', 'i'});
  std::string msg;
  msg += Bytes({0x0a, static_cast<int>(vertex.size())}) + vertex;
  msg += Bytes({0x1a, static_cast<int>(log.size())}) + log;
  msg += Bytes({0x78, 7});  // Field 15 varint: skipped.
  std::optional<StatusResponse> s = DecodeStatusResponse(msg);
  ASSERT_TRUE(s.has_value());
  ASSERT_EQ(s->vertexes.size(), 1u);
  EXPECT_EQ(s->vertexes[0].digest, "d");
  EXPECT_EQ(s->vertexes[0].name, "n");
  EXPECT_TRUE(s->vertexes[0].cached);
  EXPECT_TRUE(s->vertexes[0].started.present);
  EXPECT_EQ(s->vertexes[0].started.seconds, 5);
  EXPECT_FALSE(s->vertexes[0].completed.present);
  EXPECT_EQ(s->vertexes[0].error, "e");
  ASSERT_EQ(s->logs.size(), 1u);
  EXPECT_EQ(s->logs[0].vertex, "d");
  EXPECT_EQ(s->logs[0].stream, 2);
  EXPECT_EQ(s->logs[0].msg, "hi");
}

TEST(StatusResponseTest, WrongWireTypeIsMalformed) {
  // vertexes (1) as a varint.
  EXPECT_FALSE(DecodeStatusResponse(Bytes({0x08, 1})).has_value());
  // Vertex.name (3) as a varint.
  EXPECT_FALSE(DecodeStatusResponse(Bytes({0x0a, 2, 0x18, 1})).has_value());
}

TEST(Base64Test, Decode) {
  EXPECT_EQ(Base64Decode("aGVsbG8="), "hello");
  EXPECT_EQ(Base64Decode("aGVsbG8"), "hello");
  EXPECT_EQ(Base64Decode("aGk+Lw=="), "hi>/");
  EXPECT_EQ(Base64Decode(""), "");
  EXPECT_EQ(Base64Decode("a"), std::nullopt);
  EXPECT_EQ(Base64Decode("aG-_"), std::nullopt);  // URL alphabet is not Go's StdEncoding.
}

}  // namespace
}  // namespace drydock::engine
