#include "graph/image_ref.h"

#include <gtest/gtest.h>

namespace drydock::graph {
namespace {

TEST(ImageRef, Normalises) {
  EXPECT_EQ(NormalizeImageRef("base"), "docker.io/library/base:latest");
  EXPECT_EQ(NormalizeImageRef("base:cpu"), "docker.io/library/base:cpu");
  EXPECT_EQ(NormalizeImageRef("docker.io/library/base:cpu"), "docker.io/library/base:cpu");
  EXPECT_EQ(NormalizeImageRef("docker.io/base"), "docker.io/library/base:latest");
  EXPECT_EQ(NormalizeImageRef("index.docker.io/base:1"), "docker.io/library/base:1");
  EXPECT_EQ(NormalizeImageRef("mycorp/base:cpu"), "docker.io/mycorp/base:cpu");
  EXPECT_EQ(NormalizeImageRef("localhost:5000/x"), "localhost:5000/x:latest");
  EXPECT_EQ(NormalizeImageRef("localhost/x:2"), "localhost/x:2");
  EXPECT_EQ(NormalizeImageRef("ghcr.io/org/img:1.2"), "ghcr.io/org/img:1.2");
  EXPECT_EQ(NormalizeImageRef("alpine@sha256:abc"), "docker.io/library/alpine@sha256:abc");
  EXPECT_EQ(NormalizeImageRef("alpine:3@sha256:abc"), "docker.io/library/alpine:3@sha256:abc");
}

TEST(ImageRef, Familiar) {
  EXPECT_EQ(FamiliarImageRef("docker.io/library/base:cpu"), "base:cpu");
  EXPECT_EQ(FamiliarImageRef("docker.io/mycorp/base:cpu"), "mycorp/base:cpu");
  EXPECT_EQ(FamiliarImageRef("ghcr.io/org/img:1"), "ghcr.io/org/img:1");
}

}  // namespace
}  // namespace drydock::graph
