"""Make a large synthetic corpus for benchmarks: the shipped corpus plus N jurisdictions × M
provisions of realistic shape (dated versions, offences with conduct tags, age bands, conditions
and penalties, aggravated variants, cross-references, requirement claims, sources).

    python benchmarks/make_corpus.py OUT [--jurisdictions 200] [--provisions 500] [--seed 1]

The result is a valid corpus (`lawbase validate OUT` passes) in which the real Chilean data keeps
its place, so the same questions can be asked of the small and the large corpus. The synthetic
text is generated from word lists; it describes no real law and is never shipped.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONDUCT = ["rape", "sexual-abuse", "grooming", "prostitution-facilitation", "prostitution-client", "csam-production",
           "csam-distribution", "csam-possession", "trafficking-sexual", "exposure-to-sexual-acts"]  # fmt: skip
CONDITIONS = [
    "force-or-intimidation",
    "habituality",
    "deceit",
    "dependency",
    "threats",
    "abuse-of-authority-or-trust",
]
DEGREES = ["menor-minimo", "menor-medio", "menor-maximo", "mayor-minimo", "mayor-medio", "mayor-maximo"]
ORDINALS = ["", " bis", " ter", " quáter"]
WORDS = ["offence", "child", "minor", "penalty", "sexual", "exploitation", "material", "person", "promotes", "facilitates", "obtains", "produces", "stores", "distributes", "exchange", "payment", "victim", "abuse", "authority", "consent", "age", "conduct", "law", "court", "jurisdiction", "version", "amended", "replaced", "protects", "punishes", "acts", "images"]  # fmt: skip
REQUIREMENTS = ["un-opsc/3-1-b", "un-opsc/3-1-c", "un-crc/34-b", "un-palermo/5"]
CHECKED = '"2026-11-23"'


def sentence(rng: random.Random, n: int = 14) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def slug(number: str) -> str:
    return number.replace("á", "a").replace(" ", "-")


def provision(rng: random.Random, j: str, number: str, peers: list[str]) -> str:
    pid = f"{j}-pc/{slug(number)}"
    lines = [
        "# yaml-language-server: $schema=../../schema/provision.schema.json",
        f"id: {pid}",
        f"instrument: {j}-pc",
        f'number: "{number}"',
        "title:",
        f"  es: Artículo {number} de prueba",
        f"  en: {sentence(rng, 6)[:-1]}",
        f"keywords: [{rng.choice(WORDS)}, {rng.choice(WORDS)} {rng.choice(WORDS)}]",
        "versions:",
    ]
    years = sorted(rng.sample(range(1999, 2024), rng.randint(1, 3)))
    for vi, year in enumerate(years):
        lines += [
            f'  - from: "{year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"',
            f"    by: {j}-law-{min(vi + 1, 3)}",
            "    summary: >-",
            f"      {sentence(rng, 24)}",
            "    offences:",
        ]
        for k in range(rng.randint(1, 2)):
            lo = rng.choice([0, 0, 12, 14])
            d0 = rng.randrange(0, 5)
            d1 = rng.randrange(d0, min(d0 + 2, 6))
            degrees = f"[{DEGREES[d0]}]" if d0 == d1 else f"[{DEGREES[d0]}, {DEGREES[d1]}]"
            cond = f"[{rng.choice(CONDITIONS)}]" if rng.random() < 0.3 else "[]"
            lines += [
                f"      - key: o{k}",
                f"        name: {{es: delito {k} del artículo {number}, en: offence {k} of article {number}}}",
                f"        conduct: [{rng.choice(CONDUCT)}]",
                f"        victim_age: {{from: {lo}, under: 18}}",
                f"        conditions: {cond}",
                f"        penalty: {{kind: {rng.choice(['presidio', 'reclusion'])}, degrees: {degrees}}}",
            ]
            if rng.random() < 0.25 and d1 < 5:
                lines += [
                    "        aggravated:",
                    f"          - conditions: [{rng.choice(CONDITIONS)}]",
                    "            penalty: {raise_degrees: 1}",
                ]
        if peers and rng.random() < 0.5:
            lines += ["    refers_to:", f"      - {{to: {rng.choice(peers)}, why: {rng.choice(WORDS)}}}"]
        if rng.random() < 0.2:
            lines += [f"    implements: [{rng.choice(REQUIREMENTS)}]"]
        lines += [
            "    sources:",
            f'      - {{source: synthetic, pinpoint: "art. {number}", verified: true, checked: {CHECKED}}}',
        ]
    return "\n".join(lines) + "\n"


def instruments(j: str) -> dict[str, str]:
    out = {
        f"{j}-pc": "\n".join(
            [
                "# yaml-language-server: $schema=../schema/instrument.schema.json",
                f"id: {j}-pc",
                "kind: code",
                f"jurisdiction: {j}",
                "title:",
                f"  en: Penal code of synthetic jurisdiction {j}",
                f"short: PC-{j}",
                f"aliases: [PC-{j}]",
                "scale: cl-cp",
                "sources:",
                f'  - {{source: synthetic, pinpoint: "{j}", verified: true, checked: {CHECKED}}}',
            ]
        )
    }
    for n in (1, 2, 3):
        out[f"{j}-law-{n}"] = "\n".join(
            [
                "# yaml-language-server: $schema=../schema/instrument.schema.json",
                f"id: {j}-law-{n}",
                "kind: law",
                f"jurisdiction: {j}",
                "title:",
                f"  en: Amending law {n} of {j}",
                f"short: Law {n} ({j})",
                "sources:",
                f'  - {{source: synthetic, pinpoint: "{j} law {n}", verified: true, checked: {CHECKED}}}',
            ]
        )
    return {k: v + "\n" for k, v in out.items()}


def make(out: Path, jurisdictions: int, provisions: int, seed: int, data: Path | None = None) -> None:
    """`data` (default: the shipped corpus) is the corpus the synthetic States are added to."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(data or ROOT / "data", out)
    with open(out / "sources" / "int.yaml", "a", encoding="utf-8") as fh:
        fh.write(
            "  - id: synthetic\n    kind: secondary\n    title: Synthetic benchmark data (not law)\n"
            "    note: Generated by benchmarks/make_corpus.py.\n"
        )
    names = [f"j{k:03d}" for k in range(1, jurisdictions + 1)]
    for j in names:  # a jurisdiction is files: its own, then its code, laws and articles
        (out / "jurisdictions" / f"{j}.yaml").write_text(
            "# yaml-language-server: $schema=../schema/jurisdiction.schema.json\n"
            f"id: {j}\nlabel: Synthetic jurisdiction {j}\ncourts: {{en: the courts of {j}}}\nlanguages: [es]\n",
            encoding="utf-8",
        )
    for j in names:
        for iid, text in instruments(j).items():
            (out / "instruments" / f"{iid}.yaml").write_text(text, encoding="utf-8")
        folder = out / "articles" / f"{j}-pc"
        folder.mkdir()
        numbers = []
        base = 1
        while len(numbers) < provisions:
            for o in ORDINALS:
                if len(numbers) < provisions and (o == "" or rng.random() < 0.3):
                    numbers.append(f"{base}{o}")
            base += 1
        ids = [f"{j}-pc/{slug(n)}" for n in numbers]
        for i, number in enumerate(numbers):
            peers = ids[max(0, i - 20) : i]
            (folder / f"{slug(number)}.yaml").write_text(provision(rng, j, number, peers), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--jurisdictions", type=int, default=200)
    parser.add_argument("--provisions", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--data", type=Path, default=None,
        help="the corpus to add the synthetic States to (default: the shipped one); run.py gives the "
        "baseline revision's, which both revisions it compares can read",
    )  # fmt: skip
    args = parser.parse_args(argv)
    make(args.out, args.jurisdictions, args.provisions, args.seed, args.data)
    total = args.jurisdictions * args.provisions
    print(
        f"{args.out}: {total} synthetic provisions in {args.jurisdictions} jurisdictions (plus the shipped corpus)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
