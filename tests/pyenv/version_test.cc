#include "pyenv/version.h"

#include <gtest/gtest.h>

namespace drydock::pyenv {
namespace {

TEST(NumberTest, Small) { EXPECT_TRUE(Number(3).fits_uint64()); }

}  // namespace
}  // namespace drydock::pyenv
