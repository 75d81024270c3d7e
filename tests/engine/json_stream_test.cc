#include "engine/json_stream.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace drydock::engine {
namespace {

std::vector<std::string> Split(const std::vector<std::string>& pieces, std::string* error) {
  JsonStreamSplitter splitter;
  std::vector<std::string> out;
  for (const std::string& p : pieces) {
    Result<void> r = splitter.Feed(p, [&](std::string_view m) {
      out.emplace_back(m);
      return true;
    });
    if (!r.ok()) {
      *error = r.error().message;
      return out;
    }
  }
  Result<void> r = splitter.Finish();
  *error = r.ok() ? "" : r.error().message;
  return out;
}

TEST(JsonStreamSplitterTest, SeveralPerChunkAndAcrossChunks) {
  std::string error;
  EXPECT_EQ(Split({"{\"a\":1}\r\n{\"b\":", "[1,{\"c\":\"}\"}]}\r", "\n {}"}, &error),
            (std::vector<std::string>{"{\"a\":1}", "{\"b\":[1,{\"c\":\"}\"}]}", "{}"}));
  EXPECT_EQ(error, "");
}

TEST(JsonStreamSplitterTest, EscapesInStrings) {
  std::string error;
  // A quote escaped at a chunk boundary, and a backslash pair before a closing quote.
  EXPECT_EQ(Split({"{\"s\":\"a\\", "\"}\"}{\"t\":\"\\\\\"}"}, &error),
            (std::vector<std::string>{"{\"s\":\"a\\\"}\"}", "{\"t\":\"\\\\\"}"}));
  EXPECT_EQ(error, "");
}

TEST(JsonStreamSplitterTest, EveryCutPoint) {
  const std::string stream = "{\"stream\":\"Step 1/2 : RUN {x}\"}\r\n{\"aux\":{\"ID\":\"s\"}}\r\n";
  for (size_t cut = 0; cut <= stream.size(); ++cut) {
    std::string error;
    EXPECT_EQ(Split({stream.substr(0, cut), stream.substr(cut)}, &error),
              (std::vector<std::string>{"{\"stream\":\"Step 1/2 : RUN {x}\"}",
                                        "{\"aux\":{\"ID\":\"s\"}}"}))
        << cut;
    EXPECT_EQ(error, "");
  }
}

TEST(JsonStreamSplitterTest, Errors) {
  std::string error;
  Split({"{} ]"}, &error);
  EXPECT_EQ(error, "malformed JSON stream from the engine: unexpected byte 0x5d between messages");
  Split({"{\"a\":"}, &error);
  EXPECT_EQ(error, "the engine's JSON stream ended inside a message (5 bytes pending)");
}

TEST(JsonStreamSplitterTest, StopsWhenAsked) {
  JsonStreamSplitter splitter;
  int seen = 0;
  Result<void> r = splitter.Feed("{}{}{}", [&](std::string_view) { return ++seen < 2; });
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(seen, 2);
}

}  // namespace
}  // namespace drydock::engine
