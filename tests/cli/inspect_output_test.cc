#include "cli/inspect_output.h"

#include <gtest/gtest.h>

#include "image/image.h"
#include "testing/tar_builder.h"

namespace drydock::cli {
namespace {

using testing::ImageBuilder;
using testing::TarBuilder;

image::Image Sample() {
  ImageBuilder b;
  b.Layer(TarBuilder().Dir("app").File("app/big", std::string(3000, 'x')).File("app/keep", "k").Finish(),
          "/bin/sh -c #(nop) ADD file:x in /");
  b.EmptyLayerHistory("/bin/sh -c #(nop)  USER app");
  b.Layer(TarBuilder().Whiteout("app", "big").File("app/new", "nn").Finish(), "/bin/sh -c rm /app/big");
  b.container_config() = {{"User", "app"}, {"Env", {"PATH=/usr/bin"}}, {"Cmd", {"sh"}}, {"ExposedPorts", {{"80/tcp", nlohmann::json::object()}}}};
  std::string archive = b.DockerSaveLegacy();
  image::MemoryByteSource src{std::string_view(archive)};
  return *image::ReadImageArchive(src, {}, "img.tar");
}

TEST(InspectOutput, Text) {
  image::Image image = Sample();
  std::string text = InspectToText(image, {});
  std::string expected_tail =
      "user:        app\n"
      "entrypoint:  (not set)\n"
      "cmd:         [\"sh\"]\n"
      "ports:       80/tcp\n"
      "env:\n"
      "  PATH=/usr/bin\n"
      "\n"
      "layers (2):\n"
      "    #       files        blob    added changed deleted  created by\n"
      "    0     2.9 KiB     6.0 KiB        3       0       0  /bin/sh -c #(nop) ADD file:x in /\n"
      "    1         2 B     2.5 KiB        1       0       1  /bin/sh -c rm /app/big\n"
      "\n"
      "file bytes shipped: 3003 (2.9 KiB); visible in the final tree: 3 (3 B); paths: 4\n"
      "\n"
      "largest files:\n"
      "         2 B  L1   /app/new\n"
      "         1 B  L0   /app/keep\n"
      "\n"
      "wasted bytes: 3000 (2.9 KiB) in 1 paths (shipped in a layer, hidden by a later one)\n"
      "     2.9 KiB  L0 hidden by L1  /app/big\n";
  ASSERT_GE(text.size(), expected_tail.size());
  EXPECT_EQ(text.substr(text.find("user:")), expected_tail);
  EXPECT_EQ(InspectToText(image, {1, std::nullopt, 10}),
            "layer 1: " + image.layers[1].diff_id + " (2 B files, +1 ~0 -1)\n"
            "created by: /bin/sh -c rm /app/big\n"
            "- file                  /app/big\n"
            "+ file                2 /app/new\n");
  EXPECT_EQ(InspectToText(image, {std::nullopt, "app/big", 10}),
            "path /app/big\n"
            "  layer 0: added file 3000 bytes\n"
            "  layer 1: deleted file\n"
            "  wasted: 3000 bytes shipped in layer 0, hidden by layer 1\n"
            "  final: absent\n");
}

TEST(InspectOutput, JsonKeys) {
  std::string json = InspectToJson(Sample(), {});
  nlohmann::json j = nlohmann::json::parse(json);
  EXPECT_EQ(j["wasted_bytes"], 3000);
  EXPECT_EQ(j["wasted"][0]["path"], "/app/big");
  EXPECT_EQ(j["layers"][1]["deleted"], 1);
  EXPECT_EQ(j["layers"][1]["created_by"], "/bin/sh -c rm /app/big");
  EXPECT_EQ(j["config"]["history"].size(), 3u);
  EXPECT_EQ(j["visible_bytes"], 3);
}

TEST(InspectOutput, HumanBytes) {
  EXPECT_EQ(HumanBytes(0), "0 B");
  EXPECT_EQ(HumanBytes(1023), "1023 B");
  EXPECT_EQ(HumanBytes(1536), "1.5 KiB");
  EXPECT_EQ(HumanBytes(203796480), "194.4 MiB");
}

}  // namespace
}  // namespace drydock::cli
