// SPDX-License-Identifier: Apache-2.0
#include "rampart/scan/walker.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "scan/temp_tree.h"

namespace rampart::scan {
namespace {

std::vector<std::string> relative_paths(const WalkResult& result) {
  std::vector<std::string> out;
  for (const FileEntry& file : result.files) out.push_back(file.relative_path);
  return out;
}

TEST(WalkTree, ListsFilesSortedAndSkipsDefaultFolders) {
  testing::TempTree tree;
  tree.write("b.txt", "b");
  tree.write("a/z.yaml", "z");
  tree.write("a/a.yaml", "a");
  tree.write(".git/config", "x");
  tree.write("node_modules/lib/index.js", "x");
  tree.write("web/vendor/lib.go", "x");
  auto result = walk_tree(tree.root(), {});
  ASSERT_TRUE(result.is_ok()) << result.status().to_string();
  EXPECT_EQ(relative_paths(*result),
            (std::vector<std::string>{"a/a.yaml", "a/z.yaml", "b.txt"}));
  EXPECT_EQ(result->files[2].size, 1u);
}

TEST(WalkTree, DefaultSkipsCanBeTurnedOff) {
  testing::TempTree tree;
  tree.write("vendor/lib.go", "x");
  WalkOptions options;
  options.use_default_skips = false;
  auto result = walk_tree(tree.root(), options);
  ASSERT_TRUE(result.is_ok());
  EXPECT_EQ(relative_paths(*result),
            (std::vector<std::string>{"vendor/lib.go"}));
}

TEST(WalkTree, HonoursGitignoreAndSkipPaths) {
  testing::TempTree tree;
  tree.write(".gitignore", "*.log\nout/\n");
  tree.write("app.log", "x");
  tree.write("out/result.json", "x");
  tree.write("sub/.gitignore", "local.yaml\n");
  tree.write("sub/local.yaml", "x");
  tree.write("sub/keep.yaml", "x");
  tree.write("fixtures/a.json", "x");
  tree.write("main.go", "x");
  WalkOptions options;
  options.skip_paths = {"fixtures/"};
  auto result = walk_tree(tree.root(), options);
  ASSERT_TRUE(result.is_ok());
  EXPECT_EQ(relative_paths(*result),
            (std::vector<std::string>{".gitignore", "main.go", "sub/.gitignore",
                                      "sub/keep.yaml"}));

  options.use_gitignore = false;
  result = walk_tree(tree.root(), options);
  ASSERT_TRUE(result.is_ok());
  EXPECT_EQ(result->files.size(), 7u);
}

TEST(WalkTree, ReadsGitInfoExcludeBelowEveryGitignore) {
  testing::TempTree tree;
  tree.write(".git/info/exclude", "# local only\nscratch/\n*.local\n");
  tree.write(".gitignore", "!keep.local\n");
  tree.write("scratch/notes.yaml", "x");
  tree.write("db.local", "x");
  tree.write("keep.local", "x");
  tree.write("main.go", "x");
  auto result = walk_tree(tree.root(), {});
  ASSERT_TRUE(result.is_ok());
  // A .gitignore outranks .git/info/exclude, as in git: its '!' re-includes.
  EXPECT_EQ(relative_paths(*result),
            (std::vector<std::string>{".gitignore", "keep.local", "main.go"}));

  WalkOptions options;
  options.use_gitignore = false;
  result = walk_tree(tree.root(), options);
  ASSERT_TRUE(result.is_ok());
  EXPECT_EQ(result->files.size(), 5u);
}

TEST(WalkTree, GitInfoExcludeIsReadOnlyAtTheRootAndNotThroughLinks) {
  testing::TempTree tree;
  tree.write("outside/info/exclude", "*.yaml\n");
  tree.write("proj/a.yaml", "x");
  tree.write("proj/sub/.git/info/exclude", "*.yaml\n");
  tree.write("proj/sub/b.yaml", "x");
  tree.symlink(tree.path("outside"), "proj/.git");
  auto result = walk_tree(tree.path("proj"), {});
  ASSERT_TRUE(result.is_ok());
  // proj/.git is a link (not followed) and sub/.git is not the root's.
  EXPECT_EQ(relative_paths(*result),
            (std::vector<std::string>{"a.yaml", "sub/b.yaml"}));
}

TEST(WalkTree, SymlinkLoopsEnd) {
  testing::TempTree tree;
  tree.write("a/file.txt", "x");
  tree.symlink("..", "a/up");  // a loop back to the root
  tree.symlink("file.txt", "a/link.txt");
  auto plain = walk_tree(tree.root(), {});
  ASSERT_TRUE(plain.is_ok());
  EXPECT_EQ(relative_paths(*plain), (std::vector<std::string>{"a/file.txt"}));

  WalkOptions follow;
  follow.follow_symlinks = true;
  auto followed = walk_tree(tree.root(), follow);
  ASSERT_TRUE(followed.is_ok());
  // The root is entered again once through the link, then never more.
  EXPECT_LE(followed->files.size(), 4u);
  EXPECT_GE(followed->files.size(), 2u);
}

TEST(WalkTree, SkipsLargeFilesAndFifosWithNotes) {
  testing::TempTree tree;
  tree.write("big.bin", std::string(2048, 'x'));
  tree.write("small.txt", "x");
  ASSERT_EQ(mkfifo(tree.path("pipe").c_str(), 0600), 0);
  WalkOptions options;
  options.max_file_bytes = 1024;
  auto result = walk_tree(tree.root(), options);
  ASSERT_TRUE(result.is_ok());
  EXPECT_EQ(relative_paths(*result), (std::vector<std::string>{"small.txt"}));
  ASSERT_EQ(result->notes.size(), 1u);
  EXPECT_EQ(result->notes[0].target, "big.bin");
}

TEST(WalkTree, SingleFileRootAndMissingRoot) {
  testing::TempTree tree;
  tree.write("deploy.yaml", "kind: Pod\n");
  auto one = walk_tree(tree.path("deploy.yaml"), {});
  ASSERT_TRUE(one.is_ok());
  EXPECT_EQ(relative_paths(*one), (std::vector<std::string>{"deploy.yaml"}));
  auto missing = walk_tree(tree.path("nope"), {});
  ASSERT_FALSE(missing.is_ok());
  EXPECT_EQ(missing.status().to_string(),
            tree.path("nope") + ": cannot scan: No such file or directory");
}

TEST(WalkTree, StopsAtFileLimitWithANote) {
  testing::TempTree tree;
  for (int i = 0; i < 10; ++i) tree.write("f" + std::to_string(i), "x");
  WalkOptions options;
  options.max_files = 3;
  auto result = walk_tree(tree.root(), options);
  ASSERT_TRUE(result.is_ok());
  EXPECT_EQ(result->files.size(), 3u);
  EXPECT_EQ(result->notes.size(), 1u);
}

}  // namespace
}  // namespace rampart::scan
