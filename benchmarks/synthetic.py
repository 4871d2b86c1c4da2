"""A synthetic bilingual corpus and template of N articles, for the benchmarks."""

from __future__ import annotations

import shutil
from pathlib import Path

EN = ("The controller shall take appropriate technical and organisational measures to ensure a level of security "
      "appropriate to the risk, including the pseudonymisation and encryption of data, within {{deadline_days}} days.")
AR = ("يلتزم المتحكّم باتخاذ التدابير التقنية والتنظيمية المناسبة لضمان مستوى من الأمن يتناسب مع المخاطر، بما في ذلك "
      "الترميز بالاسم المستعار وتشفير البيانات، خلال {{deadline_days}} يوماً.")


def make(root: Path, articles: int) -> tuple[Path, Path]:
    """Write corpus/ and template.toml under root; return (corpus, template)."""
    if root.exists():
        shutil.rmtree(root)
    corpus = root / "corpus"
    (corpus / "clauses" / "syn").mkdir(parents=True)
    (corpus / "standards").mkdir()
    (corpus / "glossary.toml").write_text("", encoding="utf-8")
    (corpus / "parameters.toml").write_text(
        '[deadline_days]\ntype = "int"\ndefault = 30\nmin = 1\nmax = 365\n', encoding="utf-8")
    (corpus / "standards" / "syn.toml").write_text(
        'id = "syn"\nshort = "Syn"\ntitle = { en = "Synthetic" }\n\n'
        + "".join(f'[[provision]]\nref = "{i}"\ntitle = "Provision {i}"\nweight = "core"\n\n' for i in range(1, 51)),
        encoding="utf-8")
    for i in range(1, articles + 1):
        ref = f"[[syn.c{i - 1:05d}]]" if i > 1 else "this Law"
        ref_ar = f"[[syn.c{i - 1:05d}]]" if i > 1 else "هذا القانون"
        (corpus / "clauses" / "syn" / f"c{i:05d}.md").write_text(f"""+++
id = "syn.c{i:05d}"
title = {{ en = "Synthetic article {i}", ar = "مادة تجريبية {i}" }}
kind = "obligation"
order = {i}
implements = [{{ standard = "syn", ref = "{i % 50 + 1}", relation = "subset" }}]
+++

## en
1. {EN}
2. Subject to {ref}, the processor shall:
   - assist the controller in ensuring compliance with the obligations;
   - make available all information necessary to demonstrate compliance.
3. {EN}

## ar
1. {AR}
2. مع مراعاة أحكام {ref_ar}، يلتزم المعالج بما يأتي:
   - مساعدة المتحكّم على ضمان التقيد بالالتزامات؛
   - إتاحة جميع المعلومات اللازمة لإثبات التقيد.
3. {AR}
""", encoding="utf-8")
    template = root / "template.toml"
    chapters = "".join(f'\n[[chapter]]\ntitle = {{ en = "Chapter {c}", ar = "الفصل {c}" }}\nclauses = ["syn.c{c:03d}*"]\n'
                       for c in range((articles - 1) // 100 + 1))
    template.write_text(f"""name = "synthetic"
[law]
title = {{ en = "Synthetic Law", ar = "قانون تجريبي" }}
short_title = {{ en = "Synthetic Law", ar = "قانون تجريبي" }}
number = {{ en = "Law No. 1", ar = "القانون رقم 1" }}
enactment = {{ en = "Enacted:", ar = "صدر ما يلي:" }}
closing = {{ en = "Published.", ar = "يُنشر." }}
date = "2026-01-01"
{chapters}""", encoding="utf-8")
    return corpus, template
