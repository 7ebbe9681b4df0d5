#!/usr/bin/env python3
"""Code-shape figures for issue 24: files holding SQL text, longest method, deepest nesting.

Usage: python3 tools/code_metrics.py [src/main/java] [--top N]

- SQL text: a string literal or text block that reads as a SQL statement
  (SELECT ... FROM, INSERT INTO, UPDATE ... SET, DELETE FROM, WITH x AS ().
- Method length: lines from the line of the opening brace of a method or constructor to its
  closing brace, inclusive.
- Nesting: the deepest brace level inside a method body (if/for/try/lambda bodies/switch ...),
  the method body itself being level 0; a lambda counts as a level, as an if does.
"""
import os
import re
import sys

SQL = re.compile(
    r"(?is)\bselect\b.+\bfrom\b|\binsert\s+into\b|\bupdate\s+\w+\s+set\b|\bdelete\s+from\b|\bwith\s+\w+\s+as\s*\(")
CONTROL = re.compile(r"^(if|for|while|switch|catch|synchronized|try|do|else|return|new|throw)\b")
TYPE = re.compile(r"\b(class|interface|enum|record)\s+\w+")


def strip(src):
    """Returns (code with comments and strings blanked, list of string literal texts)."""
    out, strings, i, n = [], [], 0, len(src)
    while i < n:
        if src.startswith('"""', i):
            j = src.find('"""', i + 3)
            while j != -1 and src[j - 1] == '\\':
                j = src.find('"""', j + 1)
            j = n if j == -1 else j + 3
            strings.append(src[i:j])
            out.append(re.sub(r"[^\n]", " ", src[i:j]).replace("   ", '"" ', 1))
            i = j
        elif src[i] == '"':
            j = i + 1
            while j < n and src[j] != '"':
                j += 2 if src[j] == '\\' else 1
            strings.append(src[i:j + 1])
            out.append('""' + " " * (j - i - 1))
            i = j + 1
        elif src[i] == "'":
            j = i + 1
            while j < n and src[j] != "'":
                j += 2 if src[j] == '\\' else 1
            out.append("' '" + " " * (j - i - 2))
            i = j + 1
        elif src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j == -1 else j
            out.append(" " * (j - i))
            i = j
        elif src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j == -1 else j + 2
            out.append(re.sub(r"[^\n]", " ", src[i:j]))
            i = j
        else:
            out.append(src[i])
            i += 1
    return "".join(out), strings


def methods(code):
    """Yields (start_line, end_line, max_depth) for each method or constructor body.

    Depth counts the blocks a statement sits in (if, for, try, switch, a lambda's block) and the
    lambdas it sits in (a lambda in a Mutiny chain nests as much as an if does), relative to the
    method body; a switch arm's arrow is no lambda.
    """
    stack = []  # [kind, line, counts]; kind: class, method, block, paren
    found = []
    last = 0
    depth_max = {}
    for pos, ch in enumerate(code):
        if ch not in ";{}()" and not (ch == "-" and code.startswith("->", pos)):
            continue
        header = code[last:pos].strip()
        if ch == "-":
            arm = re.search(r"(^|[;{}:])\s*(case\b[^;{}]*|default\s*)$", code[:pos][-400:])
            body = code[pos + 2:].lstrip()
            if arm is None and not body.startswith("{"):
                for entry in reversed(stack):
                    if entry[0] == "paren":
                        entry[2] = True
                        break
                    if entry[0] != "paren":
                        break
                _measure(stack, depth_max)
            continue
        if ch == "(":
            stack.append(["paren", 0, False])
            continue
        if ch == ")":
            if stack and stack[-1][0] == "paren":
                stack.pop()
            continue
        last = pos + 1
        if ch == ";":
            continue
        if ch == "{":
            parent = _parent(stack)
            line = code.count("\n", 0, pos) + 1
            if TYPE.search(header) or re.search(r"\bnew\s+[\w.<>, ]+\([^()]*\)\s*$", header):
                stack.append(["class", line, False])
            elif parent == "class" and re.search(r"\)\s*(throws\s+[\w.,\s<>]+)?$", header) \
                    and not CONTROL.match(header) and "->" not in header:
                stack.append(["method", line, False])
            elif parent == "class":
                stack.append(["class", line, False])
            else:
                stack.append(["block", line, True])
                _measure(stack, depth_max)
        elif ch == "}":
            while stack and stack[-1][0] == "paren":
                stack.pop()
            if not stack:
                continue
            top = stack.pop()
            if top[0] == "method":
                found.append((top[1], code.count("\n", 0, pos) + 1, depth_max.pop(id(top), 0)))
    return found


def _parent(stack):
    for entry in reversed(stack):
        if entry[0] != "paren":
            return entry[0]
    return "class"


def _measure(stack, depth_max):
    for i in range(len(stack) - 1, -1, -1):
        if stack[i][0] == "method":
            depth = sum(1 for e in stack[i + 1:] if e[2])
            depth_max[id(stack[i])] = max(depth_max.get(id(stack[i]), 0), depth)
            return
        if stack[i][0] == "class":
            return


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 10
    if "--top" in sys.argv:
        args.remove(str(top))
    root = args[0] if args else "src/main/java"
    sql_files, all_methods = [], []
    for d, _, files in os.walk(root):
        for f in sorted(files):
            if not f.endswith(".java"):
                continue
            path = os.path.join(d, f)
            src = open(path, encoding="utf-8").read()
            code, strings = strip(src)
            if any(SQL.search(s) for s in strings):
                sql_files.append(os.path.relpath(path, root))
            for start, end, depth in methods(code):
                all_methods.append((end - start + 1, depth, os.path.relpath(path, root), start))
    print(f"files with SQL text: {len(sql_files)}")
    for f in sorted(sql_files):
        print(f"  {f}")
    longest = sorted(all_methods, reverse=True)[:top]
    print(f"longest method: {longest[0][0]} lines" if longest else "no methods")
    for length, depth, path, line in longest:
        print(f"  {length:4d} lines  {path}:{line}")
    deepest = sorted(all_methods, key=lambda m: (m[1], m[0]), reverse=True)[:top]
    print(f"deepest nesting: {deepest[0][1]} levels" if deepest else "")
    for length, depth, path, line in deepest:
        print(f"  {depth:4d} levels {path}:{line}")
    print(f"methods over 40 lines: {sum(1 for m in all_methods if m[0] > 40)}")
    print(f"methods nesting over 3 levels: {sum(1 for m in all_methods if m[1] > 3)}")


if __name__ == "__main__":
    main()
