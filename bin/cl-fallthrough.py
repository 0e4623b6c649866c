#!/usr/bin/env python3
"""Checks OpenCL printed by TornadoVM (-Dtornado.printKernel=True) for branches that run into code
they should jump over (docs/tornadovm-notes.md item 14).

For every '// BLOCK M MERGES [... P ...]' the emitter writes, this walks the text from the end of
block P the way C runs it (out of the enclosing ifs, over their else parts, out of switch cases)
and reports any statement executed before M's label is reached: block P was meant to jump to M,
past that code. Usage: cl-fallthrough.py kernel.cl (the kernel's text from '#pragma' to its last
'}'); prints one line per problem and the count; exits 1 when there is any."""
import re, sys
lines = open(sys.argv[1]).read().split('\n')
# parse into a tree: node = ('seq', [items]); items: ('stmt', lineno, text) | ('label', lineno, n, merges)
# | ('if', lineno, cond, then, else) | ('loop', lineno, head, body)
pos = 0
def parse_seq():
    global pos
    items = []
    while pos < len(lines):
        t = lines[pos].strip()
        if t.startswith('}'):
            return items
        if t.startswith('if(') or t.startswith('if ('):
            ln = pos; pos += 1
            assert lines[pos].strip() == '{', (pos, lines[pos])
            pos += 1
            th = parse_seq(); pos += 1  # past }
            el = None
            if pos < len(lines) and lines[pos].strip() == 'else':
                pos += 1; assert lines[pos].strip() == '{'; pos += 1
                el = parse_seq(); pos += 1
            items.append(('if', ln, t, th, el))
            continue
        if t.startswith('switch'):
            ln = pos; pos += 1
            if not t.endswith('{'):
                assert lines[pos].strip() == '{', (pos, lines[pos])
                pos += 1
            body = parse_seq(); pos += 1
            items.append(('switch', ln, t, body))
            continue
        if t.startswith('for(') or t.startswith('while'):
            ln = pos; pos += 1
            assert lines[pos].strip() == '{', (pos, lines[pos])
            pos += 1
            body = parse_seq(); pos += 1
            items.append(('loop', ln, t, body))
            continue
        m = re.match(r'// BLOCK (\d+)(?: MERGES \[([\d ]*)\])?', t)
        if m:
            items.append(('label', pos, int(m.group(1)), [int(x) for x in (m.group(2) or '').split()]))
        elif t and not t.startswith('//') and t != '{':
            items.append(('stmt', pos, t))
        pos += 1
    return items
start = next(i for i, l in enumerate(lines) if l.strip() == '{')
pos = start + 1
root = parse_seq()
# index: label -> (list of (seq, index)) chain of ancestors
where = {}
def index(seq, chain):
    for i, it in enumerate(seq):
        c = chain + [(seq, i)]
        if it[0] == 'label':
            where.setdefault(it[2], []).append(c)
        elif it[0] == 'if':
            index(it[3], c)
            if it[4] is not None: index(it[4], c)
        elif it[0] in ('loop', 'switch'):
            index(it[3], c)
index(root, [])
def ends_with_break(seq):
    return any(it[0] == 'stmt' and it[2] in ('break;', 'continue;') for it in seq)
problems = 0
for m, chains in list(where.items()):
    for ch in chains:
        seq, i = ch[-1]
        it = seq[i]
        preds = it[3]
        for p in preds:
            for pc in where.get(p, []):
                pseq, pi = pc[-1]
                if pseq is seq:
                    continue  # M's label directly follows in the same sequence (e.g. duplicated merge)
                # walk: rest of P's sequence after P's label must hold no M; then up the chain
                executed = []
                found = False
                k = len(pc) - 1
                cur_seq, idx = pseq, pi + 1
                while idx < len(cur_seq) and cur_seq[idx][0] == 'stmt' and cur_seq[idx][2] not in ('break;', 'continue;'):
                    idx += 1   # P's own statements
                stop = None
                while True:
                    in_switch = k > 0 and pc[k - 1][0][pc[k - 1][1]][0] == 'switch'
                    if not in_switch and ends_with_break(cur_seq[idx:]) : stop = 'break'; break
                    for it2 in cur_seq[idx:]:
                        if in_switch and it2[0] == 'stmt' and it2[2] == 'break;':
                            break
                        if it2[0] == 'label' and it2[2] == m:
                            found = True; break
                        if it2[0] in ('stmt', 'if', 'loop', 'switch'):
                            executed.append(it2[1] + 1)
                    if found: break
                    k -= 1
                    if k < 0: stop = 'end'; break
                    parent_seq, parent_i = pc[k]
                    if parent_seq[parent_i][0] == 'loop': stop = 'loop'; break
                    cur_seq, idx = parent_seq, parent_i + 1
                if executed:
                    problems += 1
                    print(f"merge {m} (line {it[1]+1}) pred {p} (line {pc[-1][0][pc[-1][1]][1]+1}): falls through {len(executed)} statements, first at lines {executed[:3]}" + ('' if found else f' [stopped: {stop}]'))
print(f"{problems} fall-through problems")
sys.exit(1 if problems else 0)
