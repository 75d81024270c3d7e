#include "dockerfile/directives.h"

#include <gtest/gtest.h>

#include "dockerfile/parser.h"

namespace drydock::dockerfile {
namespace {

TEST(DirectiveParser, AcceptsSpacingAndCase) {
  DirectiveParser p;
  auto r = p.ParseLine("#  SYNTAX =  docker/dockerfile:1  ");
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(*r);
  EXPECT_EQ((*r)->name, "syntax");
  EXPECT_EQ((*r)->value, "docker/dockerfile:1");
}

TEST(DirectiveParser, FirstOtherLineEndsTheBlock) {
  DirectiveParser p;
  EXPECT_TRUE(p.ParseLine("# check=skip=all").value().has_value());
  EXPECT_FALSE(p.ParseLine("# a comment").value().has_value());
  EXPECT_TRUE(p.done());
  EXPECT_FALSE(p.ParseLine("# escape=`").value().has_value());
}

TEST(DirectiveParser, RepeatedDirectiveIsAnError) {
  DirectiveParser p;
  ASSERT_TRUE(p.ParseLine("# escape=\\").ok());
  auto r = p.ParseLine("# escape=\\");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "only one escape parser directive can be used");
}

TEST(DirectiveLookup, DetectSyntaxForms) {
  EXPECT_EQ(DetectSyntax("#!/usr/bin/env x\n# syntax=a/b:1 x=y\nFROM z\n")->value, "a/b:1");
  EXPECT_EQ(DetectSyntax("#!/usr/bin/env x\n# syntax=a/b:1 x=y\nFROM z\n")->line, 2u);
  EXPECT_EQ(DetectSyntax("// syntax = c/d\n")->cmdline, "c/d");
  EXPECT_EQ(DetectSyntax("{\"syntax\": \"e/f\"}")->value, "e/f");
  EXPECT_FALSE(DetectSyntax("FROM a\n# syntax=x\n"));
  EXPECT_FALSE(FindDirective("syntax", "// syntax = c/d\n"));
}

TEST(Directives, ParserRecordsThemAndRejectsABadEscape) {
  SourceFile file("Dockerfile", "# syntax=docker/dockerfile:1\n# escape=x\nFROM a\n");
  Dockerfile df = Parse(file);
  ASSERT_EQ(df.errors.size(), 1u);
  EXPECT_EQ(df.errors[0].message, "invalid escape token 'x' does not match ` or \\");
  EXPECT_EQ(df.errors[0].buildkit_lines, (std::vector<uint32_t>{1}));
  EXPECT_EQ(file.Locate(df.errors[0].span.begin).line, 2u);
  ASSERT_EQ(df.directives.size(), 1u);
  EXPECT_EQ(df.directives[0].value, "docker/dockerfile:1");
}

}  // namespace
}  // namespace drydock::dockerfile
