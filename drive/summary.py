"""The board-ready summary of a partnership's DRIVE work, as the page, the CSV, the JSON download
and the API all read it: each action with its answers, evidence and related work, what each partner
brings, the indicators with their results, and the outputs."""

from . import commitments as commitments_read
from . import indicators as indicators_read
from .models import DrivePrompt, EvidenceLink, PromptAnswer, RelatedItemMark
from .selectors import progress_of


def _json_value(value):
    return value if isinstance(value, str | int | float | type(None)) else str(value)


def _indicator_json(row):
    i = row["indicator"]
    return {"name": i.name, "unit": i.unit, "direction": i.get_direction_display(),
            "baseline": {"value": str(i.baseline_value.normalize()),
                         "date": i.baseline_date.isoformat()},
            "target": {"value": str(i.target_value.normalize()),
                       "date": i.target_date.isoformat()},
            "reported_by": i.owner.organisation.name,
            "serves": i.serves.organisation.name if i.serves else "shared",
            "status": row["status"].label,
            "results": [{"period_end": r.period_end.isoformat(), "value": str(r.value.normalize())}
                        for r in row["results"]]}


def sections(partnership):
    progress = progress_of(partnership)
    answers = {}
    for answer in (PromptAnswer.objects.filter(progress__partnership=partnership)
                   .select_related("prompt")):
        answers.setdefault(answer.progress_id, {})[answer.prompt_id] = answer.text
    evidence = {}
    for link in EvidenceLink.objects.filter(progress__partnership=partnership):
        evidence.setdefault(link.progress_id, []).append(link)
    marks = {}
    for mark in RelatedItemMark.objects.filter(progress__partnership=partnership):
        marks.setdefault(mark.progress_id, []).append(mark)
    prompts = {}
    for prompt in DrivePrompt.objects.all():
        prompts.setdefault(prompt.action_id, []).append(prompt)
    return [
        {"progress": p, "prompts": [(q, answers.get(p.pk, {}).get(q.pk, ""))
                                    for q in prompts.get(p.action_id, [])],
         "evidence": evidence.get(p.pk, []), "marks": marks.get(p.pk, [])}
        for p in progress
    ]


def with_results(indicators):
    """Each indicator with its results, status and chart: two queries for any number."""
    indicators = list(indicators.select_related("owner__organisation", "serves__organisation")
                      .prefetch_related("results"))
    shown = []
    for indicator in indicators:
        results = list(indicator.results.all())
        shown.append({"indicator": indicator, "results": results,
                      "status": indicators_read.status_of(indicator, results),
                      "chart": indicators_read.trend_chart(indicator, results),
                      "next_due": indicators_read.next_due(indicator, results)})
    return shown



def document(partnership, read=None, measured=None, produced=None):
    """The summary as JSON-ready data. A page that already read the parts passes them in."""
    read = sections(partnership) if read is None else read
    measured = with_results(partnership.indicators.all()) if measured is None else measured
    if produced is None:
        produced = list(partnership.outputs.order_by("category", "-date", "pk"))
    return {"partnership": partnership.title, "actions": [
        {"action": s["progress"].action.title, "status": s["progress"].get_status_display(),
         "owner": s["progress"].owner.display_name if s["progress"].owner else None,
         "due_date": s["progress"].due_date.isoformat() if s["progress"].due_date else None,
         "completed_at": s["progress"].completed_at.isoformat()
         if s["progress"].completed_at else None,
         "answers": [{"prompt": q.text, "answer": a} for q, a in s["prompts"]],
         "evidence": [{"title": e.title, "url": e.url} for e in s["evidence"]],
         "related": [{"title": m.title, "relevant": m.relevant} for m in s["marks"]]}
        for s in read],
        "commitments": [dict(zip(commitments_read.CSV_HEADER, map(_json_value, row),
                                 strict=True))
                        for row in commitments_read.csv_rows(partnership)],
        "indicators": [_indicator_json(row) for row in measured],
        "outputs": [{"category": o.get_category_display(), "title": o.title,
                     "date": o.date.isoformat(), "doi": o.doi or None,
                     "pmid": o.pmid or None, "study": o.study or None,
                     "url": o.url or None} for o in produced]}
