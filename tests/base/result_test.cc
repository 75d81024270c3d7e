#include "base/result.h"

#include <memory>
#include <string>

#include <gtest/gtest.h>

namespace drydock {
namespace {

Result<int> Half(int v) {
  if (v % 2) return MakeError(std::to_string(v) + " is odd");
  return v / 2;
}

TEST(Result, HoldsAValueOrAnError) {
  Result<int> ok = Half(4);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 2);
  Result<int> bad = Half(3);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "3 is odd");
}

TEST(Result, MovesOnlyTypes) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
  std::unique_ptr<int> p = std::move(r).value();
  EXPECT_EQ(*p, 7);
}

TEST(Result, Void) {
  Result<void> ok;
  EXPECT_TRUE(ok.ok());
  Result<void> bad = MakeError("no");
  EXPECT_EQ(bad.error().message, "no");
}

TEST(ResultDeathTest, ValueOfAnErrorAbortsWithFileAndLine) {
  Result<int> bad = MakeError("x");
  EXPECT_DEATH((void)bad.value(), "internal error at .*result.h:[0-9]+: check failed: ok\\(\\)");
}

}  // namespace
}  // namespace drydock
