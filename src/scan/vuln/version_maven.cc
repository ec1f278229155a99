// SPDX-License-Identifier: Apache-2.0
//
// Maven version ordering, as org.apache.maven.artifact.versioning.
// ComparableVersion defines it (and the POM reference's "Version Order
// Specification" describes it). A version is cut into a tree of items:
//   '.'                 separates items of the same list;
//   '-'                 opens a new sub-list for what follows;
//   digit<->letter      also opens a sub-list (a letter run directly
//                       before a digit may be a short alias: a, b, m);
// numbers compare numerically, qualifiers by the fixed ranking
//   alpha < beta < milestone < rc = cr < snapshot < "" = ga = final
//   = release < sp < any other word (alphabetically),
// and trailing "null" items (0, "", empty lists) are dropped per list.
// Any input is accepted. Sub-lists nest at most kMaxDepth deep (deeper
// separators stay in the innermost list), which bounds the recursion of
// the comparison on hostile input; real versions nest a few levels.
#include <cctype>
#include <string>
#include <vector>

#include "rampart/scan/vuln/version.h"

namespace rampart::scan::vuln {

namespace {

constexpr size_t kMaxDepth = 64;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

struct Item {
  enum class Kind { kNumber, kQualifier, kList };
  Kind kind = Kind::kList;
  std::string text;         // digits without leading zeros, or a qualifier
  std::vector<Item> items;  // for kList
};

Item number_item(std::string_view digits) {
  while (!digits.empty() && digits.front() == '0') digits.remove_prefix(1);
  Item item;
  item.kind = Item::Kind::kNumber;
  item.text = std::string(digits);
  return item;
}

Item qualifier_item(std::string_view word, bool followed_by_digit) {
  std::string text(word);
  if (followed_by_digit && text.size() == 1) {
    if (text == "a") text = "alpha";
    if (text == "b") text = "beta";
    if (text == "m") text = "milestone";
  }
  if (text == "ga" || text == "final" || text == "release") text.clear();
  if (text == "cr") text = "rc";
  Item item;
  item.kind = Item::Kind::kQualifier;
  item.text = std::move(text);
  return item;
}

Item list_item() { return Item(); }

Item parse_item(bool digits, std::string_view text) {
  return digits ? number_item(text) : qualifier_item(text, false);
}

// The qualifier's place in the ranking as a string, so that unknown words
// ("7-word") sort after all known ones and among themselves alphabetically.
std::string qualifier_rank(const std::string& text) {
  static const char* const kOrder[] = {"alpha",    "beta", "milestone", "rc",
                                       "snapshot", "",     "sp"};
  for (int i = 0; i < 7; ++i) {
    if (text == kOrder[i]) return std::to_string(i);
  }
  return "7-" + text;
}

int sign(int value) { return value < 0 ? -1 : (value > 0 ? 1 : 0); }

bool is_null(const Item& item) {
  switch (item.kind) {
    case Item::Kind::kNumber:
      return item.text.empty();
    case Item::Kind::kQualifier:
      return item.text.empty();
    case Item::Kind::kList:
      return item.items.empty();
  }
  return false;
}

// Drops trailing null items; a trailing non-empty list does not stop the
// walk, so "1.0-1" becomes "1-1".
void normalize(Item& list) {
  for (size_t i = list.items.size(); i-- > 0;) {
    if (is_null(list.items[i])) {
      list.items.erase(list.items.begin() + static_cast<std::ptrdiff_t>(i));
    } else if (list.items[i].kind != Item::Kind::kList) {
      break;
    }
  }
}

Item parse(std::string_view raw) {
  std::string version(raw);
  for (char& c : version) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }

  Item root = list_item();
  std::vector<Item*> stack = {&root};
  Item* list = &root;
  auto open_list = [&]() {
    if (stack.size() >= kMaxDepth) return;
    list->items.push_back(list_item());
    list = &list->items.back();
    stack.push_back(list);
  };

  bool digits = false;
  size_t start = 0;
  for (size_t i = 0; i < version.size(); ++i) {
    char c = version[i];
    std::string_view piece(version.data() + start, i - start);
    if (c == '.' || c == '-') {
      list->items.push_back(i == start ? number_item("")
                                       : parse_item(digits, piece));
      start = i + 1;
      if (c == '-') open_list();
    } else if (is_digit(c)) {
      if (!digits && i > start) {
        list->items.push_back(qualifier_item(piece, true));
        start = i;
        open_list();
      }
      digits = true;
    } else {
      if (digits && i > start) {
        list->items.push_back(number_item(piece));
        start = i;
        open_list();
      }
      digits = false;
    }
  }
  if (version.size() > start) {
    list->items.push_back(
        parse_item(digits, std::string_view(version).substr(start)));
  }

  // Innermost lists first, so an emptied sub-list is dropped by its parent.
  for (size_t i = stack.size(); i-- > 0;) normalize(*stack[i]);
  return root;
}

int compare_items(const Item* a, const Item* b);

// How an item compares with an absent one (the shorter list's padding).
int compare_with_null(const Item& item) {
  switch (item.kind) {
    case Item::Kind::kNumber:
      return item.text.empty() ? 0 : 1;
    case Item::Kind::kQualifier:
      return sign(qualifier_rank(item.text).compare("5"));
    case Item::Kind::kList:
      for (const Item& child : item.items) {
        int order = compare_with_null(child);
        if (order != 0) return order;
      }
      return 0;
  }
  return 0;
}

int compare_lists(const Item& a, const Item& b) {
  size_t longest =
      a.items.size() > b.items.size() ? a.items.size() : b.items.size();
  for (size_t i = 0; i < longest; ++i) {
    const Item* left = i < a.items.size() ? &a.items[i] : nullptr;
    const Item* right = i < b.items.size() ? &b.items[i] : nullptr;
    int order = compare_items(left, right);
    if (order != 0) return order;
  }
  return 0;
}

int compare_items(const Item* a, const Item* b) {
  if (a == nullptr) return b == nullptr ? 0 : -compare_with_null(*b);
  if (b == nullptr) return compare_with_null(*a);

  using Kind = Item::Kind;
  if (a->kind != b->kind) {
    // number > list > qualifier, whichever side each is on.
    auto weight = [](Kind kind) {
      return kind == Kind::kNumber ? 2 : (kind == Kind::kList ? 1 : 0);
    };
    return weight(a->kind) < weight(b->kind) ? -1 : 1;
  }
  switch (a->kind) {
    case Kind::kNumber:
      return compare_digit_runs(a->text, b->text);
    case Kind::kQualifier:
      return sign(qualifier_rank(a->text).compare(qualifier_rank(b->text)));
    case Kind::kList:
      return compare_lists(*a, *b);
  }
  return 0;
}

}  // namespace

int compare_maven(std::string_view a, std::string_view b) {
  Item left = parse(a);
  Item right = parse(b);
  return compare_lists(left, right);
}

}  // namespace rampart::scan::vuln
