#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Tabulate and plot what make bench measured.

Usage: bench-report.py DIR

DIR holds the job logs and consoles of the five bench boots
(bench-yama, bench-landlock-yama, bench-landlock-yama-uuidjail, and
the same stack beside AppArmor: bench-apparmor-landlock-yama,
bench-apparmor-landlock-yama-uuidjail). Prints
the table, writes it to DIR/bench.txt, and draws DIR/bench-ratio.svg
(each operation's cost per configuration, against the limit) and
DIR/bench-scale.svg (enter1 and a check against the number of jailed
tasks). Plain SVG: nothing to install.
"""

import os
import re
import sys

BOOTS = {"yama": "bench-yama", "limit": "bench-landlock-yama",
         "uuidjail": "bench-landlock-yama-uuidjail",
         "apparmor": "bench-apparmor-landlock-yama",
         "apparmor_uuidjail": "bench-apparmor-landlock-yama-uuidjail"}
# Column: (boot, configuration in that boot, heading)
COLUMNS = [
    ("yama", "host", "lsm=yama"),
    ("limit", "host", "(1) landlock,yama"),
    ("uuidjail", "host", "(2) unrestricted"),
    ("uuidjail", "jailed", "(3) jailed, allowed"),
    ("uuidjail", "denied", "(4) jailed, denied"),
    ("limit", "landlock", "(5) Landlock domain"),
]
COLOURS = ["#999999", "#333333", "#1f77b4", "#2ca02c", "#d62728",
           "#ff7f0e"]


def parse(dirname):
    ops, scale, memory, blobs = {}, {}, {}, {}
    for boot, tag in BOOTS.items():
        path = os.path.join(dirname, tag + ".log")
        try:
            text = open(path, errors="replace").read().replace("\r", "")
        except OSError:
            sys.exit(f"bench-report: no {path}: did the boot run?")
        if "UUIDJAIL-DONE" not in text:
            sys.exit(f"bench-report: the {tag} boot did not finish")
        for m in re.finditer(r"^bench op (\S+) (\S+) ([\d.]+) ns$", text,
                             re.M):
            ops.setdefault(m[1], {})[(boot, m[2])] = float(m[3])
        for m in re.finditer(r"^bench scale (\S+) (\d+) ([\d.]+) ns$", text,
                             re.M):
            scale.setdefault(m[1], {})[int(m[2])] = float(m[3])
        for m in re.finditer(r"^bench memory (\w+) (\d+) (-?\d+) kB$",
                             text, re.M):
            memory[m[1]] = (int(m[2]), int(m[3]))
        console = open(os.path.join(dirname, tag + "-console.log"),
                       errors="replace").read()
        blobs[boot] = {m[1]: int(m[2]) for m in re.finditer(
            r"blob\((\w+)\) size (\d+)", console)}
    return ops, scale, memory, blobs


def table(ops, scale, memory, blobs):
    out = []
    width = max(len(op) for op in ops) + 2
    head = "".join(f"{h:>22}" for _, _, h in COLUMNS)
    out.append("ns per operation (= instructions, -icount shift=0; "
               "fastest of 5 rounds); "
               "ratio to (1)")
    out.append(f"{'operation':<{width}}{head}")
    for op, seen in ops.items():
        limit = seen.get(("limit", "host"))
        cells = []
        for boot, config, _ in COLUMNS:
            v = seen.get((boot, config))
            if v is None:
                cells.append(f"{'-':>22}")
            elif limit and (boot, config) != ("limit", "host"):
                cells.append(f"{v:>13.1f} ({v / limit:.3f})")
            else:
                cells.append(f"{v:>22.1f}")
        out.append(f"{op:<{width}}" + "".join(cells))
    out.append("")
    out.append("(2)-(1), per call: what an unrestricted caller pays")
    for op, seen in ops.items():
        if ("uuidjail", "host") in seen and ("limit", "host") in seen:
            out.append(f"  {op:<{width}}"
                       f"{seen[('uuidjail', 'host')] - seen[('limit', 'host')]:+.1f}")
    out.append("")
    out.append("beside AppArmor (no profile loaded), unrestricted callers: "
               "(6) lsm=apparmor,landlock,yama, (7) (6) with uuidjail")
    out.append(f"  {'operation':<{width}}{'(6)':>12}{'(7)':>12}"
               f"{'(7)/(6)':>10}{'(7)-(6)':>10}")
    for op, seen in ops.items():
        aa = seen.get(("apparmor", "host"))
        uj = seen.get(("apparmor_uuidjail", "host"))
        if aa and uj:
            out.append(f"  {op:<{width}}{aa:>12.1f}{uj:>12.1f}"
                       f"{uj / aa:>10.3f}{uj - aa:>+10.1f}")
    if scale:
        out.append("")
        out.append("with N jailed tasks alive (ns)")
        ns = sorted({n for s in scale.values() for n in s})
        out.append(f"  {'':<10}" + "".join(f"{n:>12}" for n in ns))
        for kind, by_n in scale.items():
            out.append(f"  {kind:<10}" + "".join(
                f"{by_n.get(n, float('nan')):>12.1f}" for n in ns))
    out.append("")
    out.append("blob sizes (bytes, all LSMs; uuidjail's share = difference)")
    for kind in ("task", "file", "inode", "sock"):
        for base, with_uj, name in (
                ("limit", "uuidjail", "landlock,yama"),
                ("apparmor", "apparmor_uuidjail",
                 "apparmor,landlock,yama")):
            lim = blobs.get(base, {}).get(kind)
            uj = blobs.get(with_uj, {}).get(kind)
            if lim is not None and uj is not None:
                out.append(f"  {kind:<8} {name:>22} {lim:>4}   "
                           f"with uuidjail {uj:>4}   uuidjail {uj - lim:+d}")
    if "jailed" in memory and "unjailed" in memory:
        n, free = memory["unjailed"]
        _, jailed = memory["jailed"]
        jails = (n + 1) // 2
        blob = blobs["uuidjail"].get("task", 0) - \
            blobs["limit"].get("task", 0)
        out.append("")
        out.append(f"{n} tasks in {jails} jails (slab, stacks, page tables, "
                   f"median of 3): {free} kB unjailed, {jailed} kB jailed: "
                   f"the jails cost {jailed - free:+d} kB "
                   f"({(jailed - free) * 1024 / jails:+.0f} bytes per jail); "
                   f"the task blobs {blob * n / 1024:+.0f} kB "
                   f"({blob:+d} bytes per task, in every task)")
    return "\n".join(out) + "\n"


def svg_text(x, y, s, anchor="start", size=11, rotate=None):
    rot = f' transform="rotate({rotate} {x} {y})"' if rotate else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" '
            f'font-family="sans-serif" text-anchor="{anchor}"{rot}>'
            f"{s}</text>")


def ratio_svg(ops):
    cols = [c for c in COLUMNS if c[:2] != ("limit", "host")]
    names = list(ops)
    bar, gap, left, top, height = 9, 14, 60, 40, 260
    width = left + len(names) * (len(cols) * bar + gap) + 20
    vmax = max([1.2] + [v / s[("limit", "host")] for s in ops.values()
                        for k, v in s.items()
                        if ("limit", "host") in s and k in
                        [(b, c) for b, c, _ in cols]])
    y = lambda r: top + height - r / vmax * height
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
             f'height="{top + height + 130}">',
             svg_text(left, 20, "uuidjail: cost per operation, ratio to "
                      "lsm=landlock,yama (instructions, -icount)", size=13)]
    for r in [0.5 * i for i in range(int(vmax * 2) + 1)]:
        parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{y(r):.1f}" '
                     f'y2="{y(r):.1f}" stroke="#ddd"/>')
        parts.append(svg_text(left - 5, y(r) + 4, f"{r:.1f}", "end"))
    parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{y(1):.1f}" '
                 f'y2="{y(1):.1f}" stroke="#000" stroke-dasharray="4"/>')
    for i, op in enumerate(names):
        x0 = left + gap / 2 + i * (len(cols) * bar + gap)
        limit = ops[op].get(("limit", "host"))
        for j, (boot, config, _) in enumerate(cols):
            v = ops[op].get((boot, config))
            if v is None or not limit:
                continue
            r = v / limit
            parts.append(f'<rect x="{x0 + j * bar:.1f}" y="{y(r):.1f}" '
                         f'width="{bar - 1}" height="{y(0) - y(r):.1f}" '
                         f'fill="{COLOURS[COLUMNS.index((boot, config, _))]}"/>')
        parts.append(svg_text(x0 + len(cols) * bar / 2, top + height + 12,
                              op, "end", 10, -45))
    for j, (boot, config, head) in enumerate(cols):
        lx = left + j * 150
        parts.append(f'<rect x="{lx}" y="{top + height + 100}" width="10" '
                     f'height="10" fill="{COLOURS[COLUMNS.index((boot, config, head))]}"/>')
        parts.append(svg_text(lx + 14, top + height + 109, head))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def scale_svg(scale):
    left, top, width, height = 70, 40, 520, 260
    ns = sorted({n for s in scale.values() for n in s})
    vmax = max(v for s in scale.values() for v in s.values()) * 1.2
    x = lambda i: left + 40 + i * (width - 80) / max(1, len(ns) - 1)
    y = lambda v: top + height - v / vmax * height
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 20}" '
             f'height="{top + height + 70}">',
             svg_text(left, 20, "uuidjail: enter1 and a check against the "
                      "number of jailed tasks (ns = instructions)", size=13),
             f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + height}" '
             f'stroke="#000"/>']
    for k in range(6):
        v = vmax * k / 5
        parts.append(svg_text(left - 5, y(v) + 4, f"{v:.0f}", "end"))
        parts.append(f'<line x1="{left}" x2="{left + width}" y1="{y(v):.1f}" '
                     f'y2="{y(v):.1f}" stroke="#ddd"/>')
    for i, n in enumerate(ns):
        parts.append(svg_text(x(i), top + height + 16, f"{n} tasks",
                              "middle"))
    for c, (kind, by_n) in enumerate(sorted(scale.items())):
        pts = [(x(i), y(by_n[n])) for i, n in enumerate(ns) if n in by_n]
        colour = COLOURS[2 + c]
        parts.append('<polyline fill="none" stroke-width="2" stroke="'
                     + colour + '" points="' +
                     " ".join(f"{px:.1f},{py:.1f}" for px, py in pts) + '"/>')
        for px, py in pts:
            parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" '
                         f'fill="{colour}"/>')
        parts.append(svg_text(left + 10 + c * 200, top + height + 50,
                              f"— {kind}" + (" (in a jail, allowed)"
                                             if kind == "kill" else "")))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main():
    dirname = sys.argv[1]
    ops, scale, memory, blobs = parse(dirname)
    text = table(ops, scale, memory, blobs)
    sys.stdout.write(text)
    open(os.path.join(dirname, "bench.txt"), "w").write(text)
    open(os.path.join(dirname, "bench-ratio.svg"), "w").write(ratio_svg(ops))
    if scale:
        open(os.path.join(dirname, "bench-scale.svg"), "w").write(
            scale_svg(scale))
    print(f"written: {dirname}/bench.txt, bench-ratio.svg, bench-scale.svg")


if __name__ == "__main__":
    main()
