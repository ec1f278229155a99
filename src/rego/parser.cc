// SPDX-License-Identifier: Apache-2.0
//
// A recursive-descent parser over the lexer's tokens; see parser.h for the
// grammar. Errors are thrown as ParseFailure inside this file only and
// turned into a rego_parse_error at the entry points.
#include "rego/parser.h"

#include <set>

#include "rego/lexer.h"

namespace rampart::rego {
namespace {

struct ParseFailure {
  std::string message;
  int row;
  int col;
};

// Keywords that Rego v0 enables one by one through future.keywords.
struct Keywords {
  bool in = true;
  bool every = true;
  bool contains = true;
  bool if_ = true;
};

TermPtr clone_term(const Term& term);

std::unique_ptr<Body> clone_body(const Body& body) {
  auto copy = std::make_unique<Body>();
  for (const auto& expr : body.exprs) {
    auto e = std::make_unique<Expr>();
    e->kind = expr->kind;
    e->location = expr->location;
    e->negated = expr->negated;
    for (const auto& term : expr->terms) {
      e->terms.push_back(term ? clone_term(*term) : nullptr);
    }
    if (expr->body) e->body = clone_body(*expr->body);
    for (const With& with : expr->withs) {
      With w;
      w.target = clone_term(*with.target);
      w.value = clone_term(*with.value);
      w.location = with.location;
      e->withs.push_back(std::move(w));
    }
    e->text = expr->text;
    e->index = expr->index;
    copy->exprs.push_back(std::move(e));
  }
  return copy;
}

// A deep copy of a freshly parsed term (before the compiler annotates it).
TermPtr clone_term(const Term& term) {
  auto copy = std::make_unique<Term>();
  copy->kind = term.kind;
  copy->location = term.location;
  copy->value = term.value;
  copy->name = term.name;
  copy->wildcard = term.wildcard;
  copy->infix = term.infix;
  copy->template_members = term.template_members;
  copy->call_path = term.call_path;
  for (const auto& item : term.items) copy->items.push_back(clone_term(*item));
  if (term.key) copy->key = clone_term(*term.key);
  if (term.head) copy->head = clone_term(*term.head);
  if (term.body) copy->body = clone_body(*term.body);
  return copy;
}

class Parser {
 public:
  Parser(std::vector<Token> tokens, std::string_view source,
         const std::string* file)
      : tokens_(std::move(tokens)), source_(source), file_(file) {}

  void set_keywords(Keywords keywords) { keywords_ = keywords; }
  void set_v1(bool v1) { v1_ = v1; }

  std::unique_ptr<Module> module(std::string filename, bool v0);
  std::unique_ptr<Body> query();
  TermPtr single_term();

 private:
  // --- token helpers ---
  const Token& peek(std::size_t ahead = 0) const {
    std::size_t at = std::min(pos_ + ahead, tokens_.size() - 1);
    return tokens_[at];
  }
  bool at_end() const { return peek().kind == TokenKind::kEnd; }
  // The parser asks these a dozen times per term; comparing the first
  // character before the whole text keeps them off memcmp.
  bool is_punct(std::string_view p, std::size_t ahead = 0) const {
    const Token& t = peek(ahead);
    return t.kind == TokenKind::kPunct && same_text(t.text, p);
  }
  bool is_ident(std::string_view word, std::size_t ahead = 0) const {
    const Token& t = peek(ahead);
    return t.kind == TokenKind::kIdent && same_text(t.text, word);
  }
  static bool same_text(std::string_view a, std::string_view b) {
    return a.size() == b.size() && (a.empty() || (a[0] == b[0] && a == b));
  }
  bool accept_punct(std::string_view p) {
    if (!is_punct(p)) return false;
    ++pos_;
    return true;
  }
  bool accept_ident(std::string_view word) {
    if (!is_ident(word)) return false;
    ++pos_;
    return true;
  }
  void expect_punct(std::string_view p) {
    if (!accept_punct(p)) fail_here("expected '" + std::string(p) + "'");
  }
  [[noreturn]] void fail_at(const Token& t, const std::string& message) {
    throw ParseFailure{message, t.row, t.col};
  }
  [[noreturn]] void fail_here(const std::string& message) {
    const Token& t = peek();
    std::string found = t.kind == TokenKind::kEnd
                            ? "end of input"
                            : "'" + std::string(t.text.substr(0, 40)) + "'";
    fail_at(t, message + ", found " + found);
  }
  Location location(const Token& t) const { return {t.row, t.col, file_}; }

  bool is_keyword(std::string_view word) const;

  // RAII guard for nesting depth.
  class Nest {
   public:
    explicit Nest(Parser& p) : p_(p) {
      if (++p_.depth_ > kMaxNesting) {
        p_.fail_here("nesting deeper than " + std::to_string(kMaxNesting));
      }
    }
    ~Nest() { --p_.depth_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;

   private:
    Parser& p_;
  };

  // --- module level ---
  std::vector<std::string> dotted_path(std::string_view what);
  void parse_import(Module& m);
  std::unique_ptr<Rule> parse_rule();
  void parse_rule_body(Rule& rule, bool required);
  void classify_rule(Rule& rule, bool has_contains, bool has_value,
                     const Token& start);

  // --- bodies and expressions ---
  void parse_braced_body(Body& body);
  void parse_literals(Body& body, std::string_view closer);
  std::unique_ptr<Expr> parse_literal();
  std::unique_ptr<Expr> parse_some(const Token& start);
  std::unique_ptr<Expr> parse_every(const Token& start);
  void parse_withs(Expr& expr);

  // --- terms ---
  TermPtr parse_infix();
  TermPtr parse_membership();
  TermPtr negated_body(const Token& start);
  TermPtr continue_membership(TermPtr left);
  TermPtr parse_member_pair(TermPtr key);
  TermPtr parse_relation();
  TermPtr parse_or();
  TermPtr parse_and();
  TermPtr parse_arith();
  TermPtr parse_factor();
  TermPtr parse_unary();
  TermPtr parse_term();
  TermPtr parse_ref_tail(TermPtr head);
  TermPtr parse_call(TermPtr target, const Token& start);
  TermPtr parse_array(const Token& start);
  TermPtr parse_brace(const Token& start);
  TermPtr parse_object_rest(TermPtr term, TermPtr key,
                            bool may_be_comprehension);
  std::unique_ptr<Body> try_comprehension_body(std::string_view closer);
  void parse_item_list(Term& term, std::string_view closer);
  void parse_more_items(Term& term, std::string_view closer);
  void parse_more_pairs(Term& term);
  TermPtr maybe_member_pair(TermPtr first);
  bool brace_may_hold_term() const;
  void check_default_value(const Term& value, const Token& start);
  TermPtr parse_template(const Token& token);
  TermPtr template_part_with(TermPtr expression);
  TermPtr binary(std::string_view op, TermPtr left, TermPtr right,
                 const Token& at);
  TermPtr make_var(const Token& t);

  std::vector<Token> tokens_;
  std::string_view source_;
  const std::string* file_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  bool v1_ = true;
  Keywords keywords_;
  // Terms started so far. Collections are parsed as OPA does, trying a
  // comprehension first and re-reading the brackets as a list when that
  // fails; the budget keeps hostile nestings of such retries linear.
  std::size_t terms_started_ = 0;
  // Further bodies of the v0 rule just parsed (p { a } { b }).
  std::vector<std::unique_ptr<Body>> extra_bodies_;
};

bool Parser::is_keyword(std::string_view word) const {
  if (word == "some" || word == "not" || word == "with" || word == "as" ||
      word == "default" || word == "else" || word == "package" ||
      word == "import") {
    return true;
  }
  if (word == "in") return keywords_.in;
  if (word == "every") return keywords_.every;
  if (word == "contains") return keywords_.contains;
  if (word == "if") return keywords_.if_;
  return false;
}

TermPtr value_term(Value v, Location loc) {
  auto t = std::make_unique<Term>();
  t->kind = TermKind::kValue;
  t->value = std::move(v);
  t->location = loc;
  return t;
}

TermPtr Parser::make_var(const Token& t) {
  auto term = std::make_unique<Term>();
  term->kind = TermKind::kVar;
  term->name = std::string(t.text);
  term->wildcard = term->name == "_";
  term->location = location(t);
  return term;
}

// --- module ---------------------------------------------------------------

std::vector<std::string> Parser::dotted_path(std::string_view what) {
  std::vector<std::string> path;
  const Token& first = peek();
  if (first.kind != TokenKind::kIdent)
    fail_here("expected " + std::string(what));
  path.emplace_back(first.text);
  ++pos_;
  while (true) {
    if (is_punct(".") && peek(1).kind == TokenKind::kIdent) {
      path.emplace_back(peek(1).text);
      pos_ += 2;
    } else if (is_punct("[") && !peek().newline_before &&
               (peek(1).kind == TokenKind::kString ||
                peek(1).kind == TokenKind::kRawString) &&
               is_punct("]", 2)) {
      path.push_back(peek(1).string);
      pos_ += 3;
    } else {
      return path;
    }
  }
}

void Parser::parse_import(Module& m) {
  const Token& start = peek();
  ++pos_;
  Import import;
  import.location = location(start);
  import.path = dotted_path("an import path");
  const std::string& root = import.path[0];
  if (root != "data" && root != "input" && root != "future" && root != "rego") {
    fail_at(start,
            "unexpected import path, must begin with one of: "
            "{data, future, input, rego}, got: " +
                root);
  }
  if (accept_ident("as")) {
    const Token& alias = peek();
    if (alias.kind != TokenKind::kIdent) fail_here("expected an alias");
    import.alias = std::string(alias.text);
    ++pos_;
  } else {
    import.alias = import.path.back();
  }
  m.imports.push_back(std::move(import));
}

std::unique_ptr<Module> Parser::module(std::string filename, bool v0) {
  auto m = std::make_unique<Module>();
  m->file = std::move(filename);
  file_ = &m->file;

  if (!is_ident("package")) fail_here("expected 'package'");
  const Token& package = peek();
  ++pos_;
  m->package_location = location(package);
  std::vector<std::string> path = dotted_path("a package name");
  if (path[0] == "data") path.erase(path.begin());
  m->package = std::move(path);

  // Imports decide which keywords the rest of the module has.
  Keywords keywords;
  bool v1 = !v0;
  if (v0) keywords = Keywords{false, false, false, false};
  bool rego_v1 = false;
  bool future = false;
  while (is_ident("import")) {
    const Token& start = peek();
    parse_import(*m);
    const Import& last = m->imports.back();
    rego_v1 = rego_v1 || last.path[0] == "rego";
    future = future || last.path[0] == "future";
    if (rego_v1 && future) {
      fail_at(start,
              "the `rego.v1` import implies `future.keywords`, these are "
              "therefore mutually exclusive");
    }
    if (last.path[0] == "rego" && last.path.size() == 2 &&
        last.path[1] == "v1") {
      v1 = true;
      keywords = Keywords{};
    } else if (last.path[0] == "future" && last.path.size() >= 2 &&
               last.path[1] == "keywords") {
      if (last.path.size() == 2) {
        keywords = Keywords{};
      } else if (last.path[2] == "in") {
        keywords.in = true;
      } else if (last.path[2] == "every") {
        keywords.every = true;
        keywords.in = true;
      } else if (last.path[2] == "contains") {
        keywords.contains = true;
      } else if (last.path[2] == "if") {
        keywords.if_ = true;
      }
    }
  }
  set_keywords(keywords);
  set_v1(v1);
  m->v1 = v1;

  while (!at_end()) {
    if (is_ident("import")) {
      fail_here("imports must come before rules");
    }
    if (is_ident("package")) fail_here("unexpected second package");
    m->rules.push_back(parse_rule());
    for (auto& body : extra_bodies_) {
      // Each further body is a rule of its own with the same head.
      const Rule& first = *m->rules.back();
      auto rule = std::make_unique<Rule>();
      rule->kind = first.kind;
      rule->location = first.location;
      for (const auto& part : first.ref) rule->ref.push_back(clone_term(*part));
      for (const auto& arg : first.args) rule->args.push_back(clone_term(*arg));
      if (first.key) rule->key = clone_term(*first.key);
      if (first.value) rule->value = clone_term(*first.value);
      rule->assign = first.assign;
      rule->text_name = first.text_name;
      rule->body = std::move(*body);
      m->rules.push_back(std::move(rule));
    }
    extra_bodies_.clear();
  }
  return m;
}

void Parser::classify_rule(Rule& rule, bool has_contains, bool has_value,
                           const Token& start) {
  if (!rule.args.empty() || rule.kind == RuleKind::kFunction) {
    rule.kind = RuleKind::kFunction;
    return;
  }
  if (has_contains) {
    rule.kind = RuleKind::kPartialSet;
    return;
  }
  const Term& last = *rule.ref.back();
  bool bracket_var = rule.ref.size() == 2 ||
                     (rule.ref.size() > 1 && last.kind != TermKind::kValue);
  if (bracket_var && !v1_ && !has_value) {
    // v0: p[x] { ... }, p["k"] and p.k are partial sets.
    rule.key = std::move(rule.ref.back());
    rule.ref.pop_back();
    rule.kind = RuleKind::kPartialSet;
    return;
  }
  bool dynamic = false;
  for (std::size_t i = 1; i < rule.ref.size(); ++i) {
    if (rule.ref[i]->kind != TermKind::kValue) dynamic = true;
  }
  if (rule.is_default && dynamic) {
    fail_at(start, "default rules must not have a variable in their head");
  }
  rule.kind = dynamic ? RuleKind::kPartialObject : RuleKind::kComplete;
}

std::unique_ptr<Rule> Parser::parse_rule() {
  auto rule = std::make_unique<Rule>();
  const Token& start = peek();
  rule->location = location(start);
  rule->is_default = accept_ident("default");

  const Token& name = peek();
  if (name.kind != TokenKind::kIdent || is_keyword(name.text)) {
    fail_here("expected a rule name");
  }
  if (name.text == "true" || name.text == "false" || name.text == "null") {
    fail_here("expected a rule name");
  }
  ++pos_;
  rule->ref.push_back(value_term(Value::string(name.text), location(name)));
  rule->text_name = std::string(name.text);
  while (true) {
    if (is_punct(".") && peek(1).kind == TokenKind::kIdent &&
        !peek().space_before) {
      rule->ref.push_back(
          value_term(Value::string(peek(1).text), location(peek(1))));
      rule->text_name += "." + std::string(peek(1).text);
      pos_ += 2;
    } else if (is_punct("[") && !peek().newline_before) {
      ++pos_;
      rule->ref.push_back(parse_infix());
      expect_punct("]");
    } else {
      break;
    }
  }

  if (is_punct("(") && !peek().newline_before) {
    ++pos_;
    rule->kind = RuleKind::kFunction;
    if (!is_punct(")")) {
      do {
        rule->args.push_back(parse_unary());
      } while (accept_punct(","));
    }
    expect_punct(")");
  }

  bool has_contains = false;
  bool has_value = false;
  if (keywords_.contains && accept_ident("contains")) {
    has_contains = true;
    rule->key = parse_infix();
  } else if (is_punct(":=") || is_punct("=")) {
    rule->assign = is_punct(":=");
    ++pos_;
    has_value = true;
    rule->value = parse_infix();
  }
  if (!rule->value && !has_contains) {
    rule->value = value_term(Value::boolean(true), rule->location);
  }
  classify_rule(*rule, has_contains, has_value, start);

  if (rule->is_default) {
    if (!has_value) fail_at(start, "default rule must have a value");
    check_default_value(*rule->value, start);
    return rule;
  }
  parse_rule_body(*rule, false);
  if (v1_ && rule->body.exprs.empty() && !has_value && !has_contains) {
    // OPA's messages for a bare head in Rego v1.
    if (rule->ref.size() == 2 && rule->kind != RuleKind::kFunction) {
      fail_at(start, "`contains` keyword is required for partial set rules");
    }
    fail_at(start, std::string(rule->kind == RuleKind::kFunction ? "function"
                                                                 : "rule") +
                       " must have value assignment and/or body declaration");
  }

  Rule* tail = rule.get();
  while (is_ident("else")) {
    const Token& else_token = peek();
    ++pos_;
    auto alternative = std::make_unique<Rule>();
    alternative->location = location(else_token);
    alternative->kind = rule->kind;
    for (const auto& part : rule->ref) {
      (void)part;
    }
    if (is_punct(":=") || is_punct("=")) {
      alternative->assign = is_punct(":=");
      ++pos_;
      alternative->value = parse_infix();
    } else {
      alternative->value =
          value_term(Value::boolean(true), alternative->location);
    }
    parse_rule_body(*alternative, false);
    tail->else_rule = std::move(alternative);
    tail = tail->else_rule.get();
  }
  return rule;
}

// Whether the braces at the current token may enclose a comprehension or
// an object, which need a `|` or `:` directly inside them.
bool Parser::brace_may_hold_term() const {
  int depth = 0;
  for (std::size_t i = pos_; i < tokens_.size(); ++i) {
    const Token& t = tokens_[i];
    if (t.kind != TokenKind::kPunct) continue;
    if (t.text == "{" || t.text == "[" || t.text == "(") {
      ++depth;
    } else if (t.text == "}" || t.text == "]" || t.text == ")") {
      if (--depth == 0) return false;
    } else if (depth == 1 && (t.text == "|" || t.text == ":")) {
      return true;
    }
  }
  return false;
}

// A default value must be constant: OPA rejects variables, references and
// calls (operators included) outside comprehensions, at parse time.
void Parser::check_default_value(const Term& value, const Token& start) {
  const char* found = nullptr;
  switch (value.kind) {
    case TermKind::kVar:
      found = "var";
      break;
    case TermKind::kRef:
      found = "ref";
      break;
    case TermKind::kCall:
      if (value.name == "set" && value.items.empty()) return;  // set()
      found = "call";
      break;
    case TermKind::kArrayCompr:
    case TermKind::kSetCompr:
    case TermKind::kObjectCompr:
      return;
    default:
      for (const auto& item : value.items) check_default_value(*item, start);
      return;
  }
  fail_at(start, std::string("illegal default rule (value cannot contain ") +
                     found + ")");
}

void Parser::parse_rule_body(Rule& rule, bool required) {
  if (keywords_.if_ && accept_ident("if")) {
    // As in OPA, `if {...}` is first read as one literal (an object or set
    // comprehension) and, when that fails or gives a set, as a body.
    if (is_punct("{") && brace_may_hold_term()) {
      std::size_t mark = pos_;
      try {
        auto literal = parse_literal();
        const Term* term =
            literal->terms.empty() ? nullptr : literal->terms[0].get();
        bool set_literal =
            literal->kind == ExprKind::kTerm && term &&
            literal->withs.empty() &&
            (term->kind == TermKind::kSet ||
             (term->kind == TermKind::kObject && term->items.empty()));
        if (!set_literal) {
          rule.body.exprs.push_back(std::move(literal));
          return;
        }
      } catch (const ParseFailure&) {
        // Not a single literal: a braced body follows.
      }
      pos_ = mark;
    }
    if (is_punct("{")) {
      parse_braced_body(rule.body);
      while (is_punct("{")) {
        auto extra = std::make_unique<Body>();
        parse_braced_body(*extra);
        extra_bodies_.push_back(std::move(extra));
      }
    } else {
      rule.body.exprs.push_back(parse_literal());
    }
    return;
  }
  if (is_punct("{") && !(peek().newline_before && rule.value &&
                         rule.kind != RuleKind::kFunction && false)) {
    if (v1_) {
      fail_here("`if` keyword is required before rule body");
    }
    parse_braced_body(rule.body);
    // v0 allows several bodies: p { a } { b } means p if a, p if b.
    while (is_punct("{")) {
      auto extra = std::make_unique<Body>();
      parse_braced_body(*extra);
      extra_bodies_.push_back(std::move(extra));
    }
    return;
  }
  if (required) fail_here("expected a rule body");
  if (v1_ && rule.kind == RuleKind::kPartialSet && !rule.key) {
    fail_here("expected a rule body");
  }
}

// --- bodies ---------------------------------------------------------------

void Parser::parse_braced_body(Body& body) {
  Nest nest(*this);
  expect_punct("{");
  if (is_punct("}")) fail_here("found empty body");
  parse_literals(body, "}");
  expect_punct("}");
}

void Parser::parse_literals(Body& body, std::string_view closer) {
  while (true) {
    if (body.exprs.size() >= kMaxBodyLiterals) {
      fail_here("body has more than " + std::to_string(kMaxBodyLiterals) +
                " expressions");
    }
    body.exprs.push_back(parse_literal());
    if (accept_punct(";")) {
      if (closer.empty() ? at_end() : is_punct(closer)) return;
      continue;
    }
    if (closer.empty() ? at_end() : is_punct(closer)) return;
    if (!peek().newline_before) {
      fail_here("unexpected token: expected a new line or ';'");
    }
  }
}

std::unique_ptr<Expr> Parser::parse_literal() {
  Nest nest(*this);
  const Token& start = peek();
  std::unique_ptr<Expr> expr;
  if (is_ident("some") && peek(1).kind != TokenKind::kEnd &&
      !peek(1).newline_before) {
    ++pos_;
    expr = parse_some(start);
  } else if (keywords_.every && is_ident("every")) {
    ++pos_;
    expr = parse_every(start);
  } else {
    expr = std::make_unique<Expr>();
    expr->location = location(start);
    if (is_ident("not") && is_punct("{", 1)) {
      ++pos_;
      expr->terms.push_back(negated_body(start));
      parse_withs(*expr);
      return expr;
    }
    if (accept_ident("not")) expr->negated = true;
    TermPtr first = parse_infix();
    if (is_punct(":=") || is_punct("=")) {
      expr->kind = is_punct(":=") ? ExprKind::kAssign : ExprKind::kUnify;
      ++pos_;
      expr->terms.push_back(std::move(first));
      expr->terms.push_back(maybe_member_pair(parse_infix()));
    } else {
      expr->terms.push_back(maybe_member_pair(std::move(first)));
    }
  }
  parse_withs(*expr);
  std::size_t end =
      pos_ > 0 ? tokens_[pos_ - 1].offset + tokens_[pos_ - 1].text.size()
               : start.offset;
  expr->text = std::string(source_.substr(start.offset, end - start.offset));
  return expr;
}

void Parser::parse_withs(Expr& expr) {
  while (is_ident("with")) {
    const Token& with_token = peek();
    ++pos_;
    With with;
    with.location = location(with_token);
    with.target = parse_term();
    if (!accept_ident("as")) fail_here("expected 'as'");
    with.value = parse_infix();
    expr.withs.push_back(std::move(with));
  }
}

std::unique_ptr<Expr> Parser::parse_some(const Token& start) {
  auto expr = std::make_unique<Expr>();
  expr->location = location(start);
  std::vector<TermPtr> vars;
  do {
    vars.push_back(parse_relation());
  } while (accept_punct(","));
  if (keywords_.in && accept_ident("in")) {
    if (vars.size() > 2) fail_at(start, "unexpected ',' in some ... in");
    expr->kind = ExprKind::kSomeIn;
    if (vars.size() == 1) expr->terms.push_back(nullptr);
    for (auto& v : vars) expr->terms.push_back(std::move(v));
    expr->terms.push_back(parse_relation());
    return expr;
  }
  expr->kind = ExprKind::kSome;
  for (auto& v : vars) {
    if (v->kind != TermKind::kVar) {
      fail_at(start, "expected a variable after 'some'");
    }
    expr->terms.push_back(std::move(v));
  }
  return expr;
}

std::unique_ptr<Expr> Parser::parse_every(const Token& start) {
  auto expr = std::make_unique<Expr>();
  expr->location = location(start);
  expr->kind = ExprKind::kEvery;
  std::vector<TermPtr> vars;
  do {
    const Token& t = peek();
    if (t.kind != TokenKind::kIdent) fail_here("expected a variable");
    vars.push_back(make_var(t));
    ++pos_;
  } while (accept_punct(","));
  if (vars.size() > 2) fail_at(start, "every takes at most two variables");
  if (!accept_ident("in")) fail_here("expected 'in'");
  if (vars.size() == 1) expr->terms.push_back(nullptr);
  for (auto& v : vars) expr->terms.push_back(std::move(v));
  expr->terms.push_back(parse_relation());
  expr->body = std::make_unique<Body>();
  parse_braced_body(*expr->body);
  return expr;
}

// --- infix operators ------------------------------------------------------

TermPtr Parser::binary(std::string_view op, TermPtr left, TermPtr right,
                       const Token& at) {
  static const std::pair<std::string_view, const char*> kNames[] = {
      {"==", "equal"}, {"!=", "neq"}, {"<", "lt"},   {"<=", "lte"},
      {">", "gt"},     {">=", "gte"}, {"+", "plus"}, {"-", "minus"},
      {"*", "mul"},    {"/", "div"},  {"%", "rem"},  {"&", "and"},
      {"|", "or"}};
  auto call = std::make_unique<Term>();
  call->kind = TermKind::kCall;
  call->infix = true;
  for (const auto& [symbol, name] : kNames) {
    if (symbol == op) call->name = name;
  }
  call->location = left->location;
  (void)at;
  call->items.push_back(std::move(left));
  call->items.push_back(std::move(right));
  return call;
}

// `not { a; b }` holds when the body has no solution: it is read as
// count([true | a; b]) == 0, with both calls bound to the built-ins.
TermPtr Parser::negated_body(const Token& start) {
  auto solutions = std::make_unique<Term>();
  solutions->kind = TermKind::kArrayCompr;
  solutions->location = location(start);
  solutions->head = value_term(Value::boolean(true), location(start));
  solutions->body = std::make_unique<Body>();
  parse_braced_body(*solutions->body);

  auto count = std::make_unique<Term>();
  count->kind = TermKind::kCall;
  count->name = "count";
  count->infix = true;
  count->location = location(start);
  count->items.push_back(std::move(solutions));
  return binary("==", std::move(count),
                value_term(Value::integer(0), location(start)), start);
}

TermPtr Parser::parse_infix() { return parse_membership(); }

// `k, v in xs` once `k` is read and a ',' follows; further `in` operators
// apply to its result.
TermPtr Parser::parse_member_pair(TermPtr key) {
  const Token& comma = peek();
  ++pos_;
  TermPtr value = parse_relation();
  if (!accept_ident("in")) fail_here("expected 'in'");
  TermPtr collection = parse_relation();
  auto call = std::make_unique<Term>();
  call->kind = TermKind::kCall;
  call->name = "internal.member_3";
  call->infix = true;
  call->location = location(comma);
  call->items.push_back(std::move(key));
  call->items.push_back(std::move(value));
  call->items.push_back(std::move(collection));
  return continue_membership(std::move(call));
}

// `first, v in xs` when an `in` follows the value; otherwise the comma
// belongs to an enclosing list and `first` is returned as it was.
TermPtr Parser::maybe_member_pair(TermPtr first) {
  if (!keywords_.in || !is_punct(",")) return first;
  std::size_t mark = pos_;
  ++pos_;
  try {
    parse_relation();
    bool pair = is_ident("in");
    pos_ = mark;
    if (pair) return parse_member_pair(std::move(first));
  } catch (const ParseFailure&) {
    pos_ = mark;
  }
  return first;
}

TermPtr Parser::parse_membership() {
  return continue_membership(parse_relation());
}

TermPtr Parser::continue_membership(TermPtr left) {
  while (keywords_.in && is_ident("in") && !peek().newline_before) {
    const Token& at = peek();
    ++pos_;
    TermPtr right = parse_relation();
    auto call = std::make_unique<Term>();
    call->kind = TermKind::kCall;
    call->name = "internal.member_2";
    call->infix = true;
    call->location = location(at);
    call->items.push_back(std::move(left));
    call->items.push_back(std::move(right));
    left = std::move(call);
  }
  return left;
}

TermPtr Parser::parse_relation() {
  TermPtr left = parse_or();
  while (!peek().newline_before &&
         (is_punct("==") || is_punct("!=") || is_punct("<") || is_punct("<=") ||
          is_punct(">") || is_punct(">="))) {
    const Token& op = peek();
    ++pos_;
    left = binary(op.text, std::move(left), parse_or(), op);
  }
  return left;
}

TermPtr Parser::parse_or() {
  TermPtr left = parse_and();
  while (is_punct("|")) {
    const Token& op = peek();
    ++pos_;
    left = binary(op.text, std::move(left), parse_and(), op);
  }
  return left;
}

TermPtr Parser::parse_and() {
  TermPtr left = parse_arith();
  while (is_punct("&")) {
    const Token& op = peek();
    ++pos_;
    left = binary(op.text, std::move(left), parse_arith(), op);
  }
  return left;
}

TermPtr Parser::parse_arith() {
  TermPtr left = parse_factor();
  while (is_punct("+") || (is_punct("-") && !peek().newline_before)) {
    const Token& op = peek();
    ++pos_;
    left = binary(op.text, std::move(left), parse_factor(), op);
  }
  return left;
}

TermPtr Parser::parse_factor() {
  TermPtr left = parse_unary();
  while (is_punct("*") || is_punct("/") || is_punct("%")) {
    const Token& op = peek();
    ++pos_;
    left = binary(op.text, std::move(left), parse_unary(), op);
  }
  return left;
}

// A leading minus, as OPA reads it: before a number it is part of the
// literal (`- 1` is -1, whitespace allowed), before a name it negates the
// reference or call that follows (`-x`, `-input.n` are 0 - x), and before
// anything else, `- -1` or `-(1)` included, it is a parse error.
TermPtr Parser::parse_unary() {
  if (!is_punct("-")) return parse_term();

  const Token& minus = peek();
  const Token& next = peek(1);
  if (next.kind == TokenKind::kNumber) {
    pos_ += 2;
    Value number = Value::number_from_text("-" + std::string(next.text));
    return parse_ref_tail(value_term(number, location(minus)));
  }

  ++pos_;
  if (next.kind != TokenKind::kIdent) fail_here("expected number");
  TermPtr operand = parse_term();
  auto zero = value_term(Value::integer(0), location(minus));
  return binary("-", std::move(zero), std::move(operand), minus);
}

// --- terms ----------------------------------------------------------------

TermPtr Parser::parse_term() {
  Nest nest(*this);
  const Token& t = peek();
  // Retried collections may re-read a term; a budget far above what any
  // real module needs stops hostile nestings from taking exponential time.
  if (++terms_started_ > 64 * tokens_.size() + 4096) {
    fail_here("expression too complex");
  }
  TermPtr term;
  switch (t.kind) {
    case TokenKind::kNumber: {
      ++pos_;
      Value number = Value::number_from_text(t.text);
      if (!number.is_number()) fail_at(t, "invalid number");
      term = value_term(std::move(number), location(t));
      break;
    }
    case TokenKind::kString:
    case TokenKind::kRawString:
      ++pos_;
      term = value_term(Value::string(t.string), location(t));
      break;
    case TokenKind::kTemplate:
      ++pos_;
      term = parse_template(t);
      break;
    case TokenKind::kIdent:
      if (t.text == "true" || t.text == "false") {
        ++pos_;
        term = value_term(Value::boolean(t.text == "true"), location(t));
      } else if (t.text == "null") {
        ++pos_;
        term = value_term(Value::null(), location(t));
      } else {
        // Keywords that are also built-in names stay callable.
        bool call = is_punct("(", 1) && !peek(1).space_before;
        if (is_keyword(t.text) && !call) fail_here("unexpected keyword");
        ++pos_;
        term = make_var(t);
      }
      break;
    case TokenKind::kPunct:
      if (t.text == "[") {
        ++pos_;
        term = parse_array(t);
      } else if (t.text == "{") {
        ++pos_;
        term = parse_brace(t);
      } else if (t.text == "(") {
        ++pos_;
        term = parse_infix();
        if (is_punct(",") && keywords_.in) {
          term = parse_member_pair(std::move(term));
        }
        expect_punct(")");
      } else {
        fail_here("unexpected token");
      }
      break;
    case TokenKind::kEnd:
      fail_here("unexpected end of input");
  }
  return parse_ref_tail(std::move(term));
}

TermPtr Parser::parse_ref_tail(TermPtr head) {
  TermPtr ref;
  auto ensure_ref = [&]() {
    if (!ref) {
      ref = std::make_unique<Term>();
      ref->kind = TermKind::kRef;
      ref->location = head->location;
      ref->items.push_back(std::move(head));
    }
  };
  while (true) {
    const Token& t = peek();
    if (t.newline_before) break;
    if (is_punct(".") && peek(1).kind == TokenKind::kIdent &&
        (peek(1).space_before || peek(1).newline_before)) {
      // OPA reads `a.` then a space or line break as an error, not as a
      // reference continued further on.
      fail_at(peek(1), "unexpected whitespace after '.'");
    }
    if (is_punct(".") && peek(1).kind == TokenKind::kIdent) {
      ensure_ref();
      ref->items.push_back(
          value_term(Value::string(peek(1).text), location(peek(1))));
      pos_ += 2;
    } else if (is_punct("[")) {
      ++pos_;
      ensure_ref();
      ref->items.push_back(parse_infix());
      expect_punct("]");
    } else if (is_punct("(") && !t.space_before) {
      TermPtr target = ref ? std::move(ref) : std::move(head);
      return parse_ref_tail(parse_call(std::move(target), t));
    } else {
      break;
    }
  }
  return ref ? std::move(ref) : std::move(head);
}

// The callee must be a variable or a ref of variable and string keys; its
// dotted text is the function name, resolved later by the compiler.
TermPtr Parser::parse_call(TermPtr target, const Token& start) {
  std::string name;
  if (target->kind == TermKind::kVar) {
    name = target->name;
  } else if (target->kind == TermKind::kRef &&
             target->items[0]->kind == TermKind::kVar) {
    name = target->items[0]->name;
    for (std::size_t i = 1; i < target->items.size(); ++i) {
      const Term& part = *target->items[i];
      if (part.kind != TermKind::kValue || !part.value.is_string()) {
        fail_at(start, "invalid function name");
      }
      name += "." + part.value.as_string();
    }
  } else {
    fail_at(start, "invalid function call");
  }
  ++pos_;  // (
  auto call = std::make_unique<Term>();
  call->kind = TermKind::kCall;
  call->name = std::move(name);
  call->location = target->location;
  if (target->kind == TermKind::kRef) {
    call->call_path.push_back(target->items[0]->name);
    for (std::size_t i = 1; i < target->items.size(); ++i) {
      call->call_path.push_back(target->items[i]->value.as_string());
    }
  }
  if (!is_punct(")")) {
    do {
      if (is_punct(")")) break;  // a trailing comma, as OPA allows
      call->items.push_back(parse_infix());
    } while (accept_punct(","));
  }
  expect_punct(")");
  return call;
}

// Brackets hold a comprehension when a single term is followed by `|` and
// a body that parses; otherwise a list whose items may use any operator,
// `|` (union) included. OPA resolves `[a | b, c]` and `{a | b}` this way.
TermPtr Parser::parse_array(const Token& start) {
  auto term = std::make_unique<Term>();
  term->kind = TermKind::kArray;
  term->location = location(start);
  if (accept_punct("]")) return term;
  bool may_be_comprehension = !accept_punct(",");

  std::size_t mark = pos_;
  TermPtr head = parse_unary();
  if (is_punct("|") && may_be_comprehension) {
    ++pos_;
    if (auto body = try_comprehension_body("]")) {
      term->kind = TermKind::kArrayCompr;
      term->head = std::move(head);
      term->body = std::move(body);
      return term;
    }
  } else if (is_punct("]") || is_punct(",")) {
    term->items.push_back(std::move(head));
    parse_more_items(*term, "]");
    return term;
  }

  pos_ = mark;
  parse_item_list(*term, "]");
  return term;
}

// The body of a comprehension up to `closer`, or nullptr when it does not
// parse and a ',' shows the brackets hold a list instead.
std::unique_ptr<Body> Parser::try_comprehension_body(std::string_view closer) {
  auto body = std::make_unique<Body>();
  try {
    parse_literals(*body, closer);
    expect_punct(closer);
  } catch (const ParseFailure&) {
    if (!is_punct(",")) throw;
    return nullptr;
  }
  return body;
}

// `item {, item}` then `closer` (a trailing comma allowed).
void Parser::parse_item_list(Term& term, std::string_view closer) {
  term.items.push_back(parse_infix());
  parse_more_items(term, closer);
}

// `, item` repeated (a trailing comma allowed), then `closer`.
void Parser::parse_more_items(Term& term, std::string_view closer) {
  while (accept_punct(",")) {
    if (is_punct(closer)) break;
    term.items.push_back(parse_infix());
  }
  expect_punct(closer);
}

// `, key: value` repeated (a trailing comma allowed), then `}`.
void Parser::parse_more_pairs(Term& term) {
  while (accept_punct(",")) {
    if (is_punct("}")) break;
    term.items.push_back(parse_infix());
    expect_punct(":");
    term.items.push_back(parse_infix());
  }
  expect_punct("}");
}

TermPtr Parser::parse_brace(const Token& start) {
  auto term = std::make_unique<Term>();
  term->location = location(start);
  term->kind = TermKind::kObject;
  if (accept_punct("}")) return term;
  bool may_be_comprehension = !accept_punct(",");

  // A single term first, so that `{a | b}` is a comprehension.
  std::size_t mark = pos_;
  TermPtr head = parse_unary();
  if (is_punct("|") && may_be_comprehension) {
    ++pos_;
    if (auto body = try_comprehension_body("}")) {
      term->kind = TermKind::kSetCompr;
      term->head = std::move(head);
      term->body = std::move(body);
      return term;
    }
    pos_ = mark;
    term->kind = TermKind::kSet;
    parse_item_list(*term, "}");
    return term;
  }
  if (is_punct(":")) {
    return parse_object_rest(std::move(term), std::move(head),
                             may_be_comprehension);
  }
  if (!is_punct("}") && !is_punct(",")) {
    // The first item uses operators: read it again as an expression.
    pos_ = mark;
    head = parse_infix();
    if (is_punct(":")) {
      return parse_object_rest(std::move(term), std::move(head),
                               may_be_comprehension);
    }
    if (!is_punct("}") && !is_punct(",")) {
      fail_here("unexpected token: non-terminated set");
    }
  }
  term->kind = TermKind::kSet;
  term->items.push_back(std::move(head));
  parse_more_items(*term, "}");
  return term;
}

// After `{key:`: an object comprehension `{key: value | body}` or an object.
TermPtr Parser::parse_object_rest(TermPtr term, TermPtr key,
                                  bool may_be_comprehension) {
  ++pos_;  // ':'
  std::size_t mark = pos_;
  TermPtr value = parse_unary();
  if (may_be_comprehension && is_punct("|")) {
    ++pos_;
    auto body = std::make_unique<Body>();
    try {
      parse_literals(*body, "}");
      expect_punct("}");
      term->kind = TermKind::kObjectCompr;
      term->key = std::move(key);
      term->head = std::move(value);
      term->body = std::move(body);
      return term;
    } catch (const ParseFailure&) {
      // Not a comprehension: the value is an expression using `|`.
    }
  }
  if (!is_punct("}") && !is_punct(",")) {
    pos_ = mark;
    value = parse_infix();
    if (!is_punct("}") && !is_punct(",")) {
      fail_here("unexpected token: non-terminated object");
    }
  }
  term->items.push_back(std::move(key));
  term->items.push_back(std::move(value));
  parse_more_pairs(*term);
  return term;
}

// $"a {x} b": literal pieces become strings, each {expr} a term.
TermPtr Parser::parse_template(const Token& token) {
  auto term = std::make_unique<Term>();
  term->kind = TermKind::kTemplate;
  term->location = location(token);
  const std::string& inside = token.string;
  bool raw = token.text.size() > 1 && token.text[1] == '`';
  std::string literal;
  for (std::size_t i = 0; i < inside.size(); ++i) {
    char c = inside[i];
    if (c == '\\' && !raw && i + 1 < inside.size() &&
        (inside[i + 1] == '{' || inside[i + 1] == '}')) {
      literal.push_back(inside[++i]);
      continue;
    }
    if (c != '{') {
      literal.push_back(c);
      continue;
    }
    std::size_t depth = 1;
    std::size_t end = i + 1;
    while (end < inside.size() && depth > 0) {
      if (inside[end] == '{') ++depth;
      if (inside[end] == '}') --depth;
      if (depth > 0) ++end;
    }
    if (depth != 0) fail_at(token, "unterminated template expression");
    std::string unescaped;
    std::string error;
    if (!raw && !unescape_string(literal, unescaped, error)) {
      fail_at(token, error);
    }
    term->items.push_back(
        value_term(Value::string(raw ? literal : unescaped), location(token)));
    literal.clear();
    std::string_view code(inside.data() + i + 1, end - i - 1);
    LexResult lexed = lex(code);
    if (!lexed.error.empty()) fail_at(token, lexed.error);
    Parser inner(std::move(lexed.tokens), code, file_);
    inner.set_keywords(keywords_);
    inner.set_v1(v1_);
    inner.depth_ = depth_;
    TermPtr expression = inner.parse_infix();
    if (inner.is_ident("with")) {
      expression = inner.template_part_with(std::move(expression));
    }
    if (!inner.at_end()) fail_at(token, "invalid template expression");
    term->items.push_back(std::move(expression));
    i = end;
  }
  std::string unescaped;
  std::string error;
  if (!raw && !unescape_string(literal, unescaped, error)) {
    fail_at(token, error);
  }
  term->items.push_back(
      value_term(Value::string(raw ? literal : unescaped), location(token)));
  return term;
}

// `{expr with input as x}` inside a template: the modifiers apply to that
// part alone. The part becomes {$part | $part := expr with ...}, marked so
// that the template renders the comprehension's members as the part's
// values (none, one, or several) rather than the set itself.
TermPtr Parser::template_part_with(TermPtr expression) {
  Location at = expression->location;
  auto assign = std::make_unique<Expr>();
  assign->kind = ExprKind::kAssign;
  assign->location = at;
  auto target = std::make_unique<Term>();
  target->kind = TermKind::kVar;
  target->name = "$part";  // no Rego identifier can start with '$'
  target->location = at;
  assign->terms.push_back(clone_term(*target));
  assign->terms.push_back(std::move(expression));
  parse_withs(*assign);

  auto part = std::make_unique<Term>();
  part->kind = TermKind::kSetCompr;
  part->location = at;
  part->head = std::move(target);
  part->body = std::make_unique<Body>();
  part->body->exprs.push_back(std::move(assign));
  part->template_members = true;
  return part;
}

std::unique_ptr<Body> Parser::query() {
  auto body = std::make_unique<Body>();
  if (at_end()) fail_here("empty query");
  parse_literals(*body, "");
  for (std::size_t i = 0; i < body->exprs.size(); ++i) {
    body->exprs[i]->index = static_cast<int>(i);
  }
  return body;
}

TermPtr Parser::single_term() {
  TermPtr term = parse_infix();
  if (!at_end()) fail_here("unexpected token after term");
  return term;
}

RegoError parse_error(const std::string* file, const std::string& message,
                      int row, int col) {
  return RegoError{"rego_parse_error", message,
                   SourceLocation{file ? *file : "", row, col}};
}

}  // namespace

ParsedModule parse_module(std::string filename, std::string_view source,
                          bool v0) {
  ParsedModule result;
  LexResult lexed = lex(source);
  if (!lexed.error.empty()) {
    result.errors.push_back(
        parse_error(&filename, lexed.error, lexed.error_row, lexed.error_col));
    return result;
  }
  Parser parser(std::move(lexed.tokens), source, nullptr);
  try {
    result.module = parser.module(std::move(filename), v0);
    result.module->comments = std::move(lexed.comments);
  } catch (const ParseFailure& failure) {
    result.errors.push_back(
        RegoError{"rego_parse_error", failure.message,
                  SourceLocation{"", failure.row, failure.col}});
  }
  return result;
}

namespace {

// Lexes `source` and runs `parse` on a Parser over its tokens, turning a
// lexing or parsing failure into one rego_parse_error.
template <typename Parse>
RegoErrors run_parser(std::string_view source, const std::string* file,
                      Parse parse) {
  LexResult lexed = lex(source);
  if (!lexed.error.empty()) {
    return {parse_error(file, lexed.error, lexed.error_row, lexed.error_col)};
  }
  Parser parser(std::move(lexed.tokens), source, file);
  try {
    parse(parser);
  } catch (const ParseFailure& failure) {
    return {parse_error(file, failure.message, failure.row, failure.col)};
  }
  return {};
}

}  // namespace

ParsedQuery parse_query(std::string_view source, const std::string* file) {
  ParsedQuery result;
  result.errors = run_parser(
      source, file, [&](Parser& parser) { result.body = parser.query(); });
  return result;
}

ParsedTerm parse_term(std::string_view source) {
  ParsedTerm result;
  result.errors = run_parser(source, nullptr, [&](Parser& parser) {
    result.term = parser.single_term();
  });
  return result;
}

}  // namespace rampart::rego
