#include "pyenv/metadata.h"

#include <gtest/gtest.h>

#include "pyenv/record.h"

namespace drydock::pyenv {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

TEST(MetadataHeaders, ContinuationLinesKeepTheirBreakAndBodyStartsAfterBlankLine) {
  MetadataHeaders h = MetadataHeaders::Parse(
      "Metadata-Version: 2.1\nName: py-multihash\nVersion: 2.0.1\n"
      "Requires-Dist: six\nrequires-dist: base58 (>=1.0)\n  ; python_version >= \"3\"\n"
      "Provides-Extra: test\n\nName: not-a-header\n");
  EXPECT_EQ(h.headers(), (Headers{{"Metadata-Version", "2.1"},
                                  {"Name", "py-multihash"},
                                  {"Version", "2.0.1"},
                                  {"Requires-Dist", "six"},
                                  {"requires-dist", "base58 (>=1.0)\n  ; python_version >= \"3\""},
                                  {"Provides-Extra", "test"}}));
  EXPECT_EQ(h.body(), "Name: not-a-header\n");
  CoreMetadata m = ReadCoreMetadata(h);
  EXPECT_EQ(m.name, "py-multihash");
  EXPECT_EQ(m.requires_dist,
            (std::vector<std::string>{"six", "base58 (>=1.0)\n  ; python_version >= \"3\""}));
  EXPECT_EQ(m.provides_extra, std::vector<std::string>{"test"});
}

TEST(MetadataHeaders, BomSpaceBeforeColonAndCrlfFollowEmailParser) {
  EXPECT_TRUE(MetadataHeaders::Parse("\xEF\xBB\xBFName: a\nVersion: 1\n").headers().empty());
  MetadataHeaders h = MetadataHeaders::Parse("Version: 1\r\nName : a\r\nRequires-Dist: b\r\n");
  EXPECT_EQ(h.headers(), (Headers{{"Version", "1"}}));
  EXPECT_EQ(h.body(), "Name : a\r\nRequires-Dist: b\r\n");
  EXPECT_EQ(MetadataHeaders::Parse("Version: 1\nVersion: 2\n").Get("version"), "1");
}

TEST(RequiresTxt, SectionsBecomeMarkers) {
  std::vector<RequiresTxtEntry> e = ParseRequiresTxt(
      "six>=1.0\n# comment\n\n[test]\npytest\n[:python_version < \"3.8\"]\nimportlib_metadata\n"
      "[Dev_Tools:sys_platform == \"win32\"]\npywin32\n");
  ASSERT_EQ(e.size(), 4u);
  EXPECT_EQ(RequiresTxtToRequiresDist(e[0]), "six>=1.0");
  EXPECT_EQ(RequiresTxtToRequiresDist(e[1]), "pytest ; extra == \"test\"");
  EXPECT_EQ(RequiresTxtToRequiresDist(e[2]), "importlib_metadata ; python_version < \"3.8\"");
  EXPECT_EQ(RequiresTxtToRequiresDist(e[3]),
            "pywin32 ; (sys_platform == \"win32\") and extra == \"dev-tools\"");
}

TEST(LineList, TopLevelAndInstaller) {
  EXPECT_EQ(ParseLineList("multihash\r\n\n  tests \n"),
            (std::vector<std::string>{"multihash", "tests"}));
  EXPECT_EQ(ParseLineList("pip\n"), std::vector<std::string>{"pip"});
}

TEST(PyvenvCfg, KeysAndFlags) {
  PyvenvCfg c = ParsePyvenvCfg(
      "home = /usr/bin\ninclude-system-site-packages = True\nversion = 3.11.2\n"
      "executable = /usr/bin/python3.11\ncommand = /usr/bin/python3 -m venv /opt/venv\nnoise\n");
  EXPECT_EQ(c.home(), "/usr/bin");
  EXPECT_TRUE(c.include_system_site_packages());
  EXPECT_EQ(c.version(), "3.11.2");
  EXPECT_EQ(c.Get("command"), "/usr/bin/python3 -m venv /opt/venv");
  EXPECT_FALSE(ParsePyvenvCfg("include-system-site-packages = false\n").include_system_site_packages());
  EXPECT_EQ(ParsePyvenvCfg("version_info = 3.12.1.final.0\n").version(), "3.12.1.final.0");
}

TEST(Record, RowsWithQuotingAndProblems) {
  Record r = ParseRecord(
      "multihash/__init__.py,sha256=n0bPDeTxGChUT0gWPW0K1d3WJbQ7nqcYvqPAh_0vs9Q,1047\r\n"
      "\"odd,name \"\"q\"\".py\",sha256=abc,12\n"
      "py_multihash-2.0.1.dist-info/RECORD,,\n"
      "\n"
      "bad.py,md5,x\n");
  ASSERT_EQ(r.entries.size(), 4u);
  EXPECT_EQ(r.entries[0].path, "multihash/__init__.py");
  EXPECT_EQ(r.entries[0].hash_algorithm, "sha256");
  EXPECT_EQ(r.entries[0].hash_value, "n0bPDeTxGChUT0gWPW0K1d3WJbQ7nqcYvqPAh_0vs9Q");
  EXPECT_EQ(r.entries[0].size, 1047u);
  EXPECT_EQ(r.entries[1].path, "odd,name \"q\".py");
  EXPECT_EQ(r.entries[2].hash_algorithm, "");
  EXPECT_EQ(r.entries[2].size, std::nullopt);
  EXPECT_EQ(r.entries[3].line, 4);
  EXPECT_EQ(r.problems, (std::vector<std::string>{"line 4: hash 'md5' is not algorithm=value",
                                                  "line 4: size 'x' is not a number"}));
}

TEST(DirectUrl, EditableDirAndFileUrls) {
  std::optional<DirectUrl> d =
      ParseDirectUrl(R"({"url": "file:///src/my%20app", "dir_info": {"editable": true}})");
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->editable);
  EXPECT_TRUE(d->is_dir);
  EXPECT_EQ(FileUrlPath(d->url), "/src/my app");
  EXPECT_EQ(FileUrlPath("https://example.com/x.whl"), std::nullopt);
  EXPECT_EQ(FileUrlPath("file://localhost/opt/x"), "/opt/x");
  EXPECT_FALSE(ParseDirectUrl("{\"url\": 3}"));
  EXPECT_FALSE(ParseDirectUrl("[\"url\"]"));
  EXPECT_FALSE(ParseDirectUrl("{\"url\": \"x\""));
  std::optional<DirectUrl> v = ParseDirectUrl(
      R"({"url":"https://g/x.git","vcs_info":{"vcs":"git","commit_id":"ab"}})");
  ASSERT_TRUE(v);
  EXPECT_TRUE(v->has_vcs_info);
  EXPECT_FALSE(v->editable);
}

}  // namespace
}  // namespace drydock::pyenv
