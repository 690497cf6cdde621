"""Render a report as a briefing (text), JSON, CSV or a self-contained HTML page.

The HTML embeds its charts as inline SVG drawn by matplotlib (no display needed): no
network, no JavaScript, one file that can be mailed or archived as it is.
"""

from __future__ import annotations

import csv
import html
import io
import json

from watchline.cases import US_STATES, CaseStatus
from watchline.reports.compute import Report

FORMATS = ("text", "json", "csv", "html")


def _label(status: str) -> str:
    return CaseStatus(status).label


def render_text(report: Report) -> str:
    s = report.by_status
    located_states = len(report.by_state)
    lines = [
        f"Subjects of concern, as of {report.generated_at[:10]}:",
        (
            f"{report.designated} designated; {report.ever_apprehended} apprehended"
            f" (at any time); {s['whereabouts_unknown']} whereabouts unknown;"
            f" located in {located_states} state{'s' if located_states != 1 else ''}."
        ),
    ]
    now = "; ".join(f"{n} {_label(k)}" for k, n in s.items() if n)
    lines.append(f"Now: {now or 'no cases'}.")
    if report.by_state:
        top = ", ".join(f"{US_STATES.get(k, k)} {n}" for k, n in list(report.by_state.items())[:8])
        lines.append(f"By state: {top}{', ...' if located_states > 8 else ''}.")
    if report.by_nationality:
        lines.append(
            "By nationality: "
            + ", ".join(f"{k.upper()} {n}" for k, n in report.by_nationality.items())
            + "."
        )
    if len(report.months) >= 2:
        moves = [f"{_label(k)} {report.change(k):+d}" for k in report.over_time if report.change(k)]
        if moves:
            lines.append(f"Change since {report.months[-2]}: {', '.join(moves)}.")
    if report.lifted:
        lines.append(f"{report.lifted} designation(s) lifted (kept on record).")
    return "\n".join(lines) + "\n"


def render_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_csv(report: Report) -> str:
    """One row per count: (dimension, key, count), then the monthly series."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["dimension", "key", "count"])
    writer.writerow(["total", "designated", report.designated])
    writer.writerow(["total", "lifted", report.lifted])
    writer.writerow(["total", "ever_apprehended", report.ever_apprehended])
    for dimension, counts in (
        ("status", report.by_status),
        ("state", report.by_state),
        ("nationality", report.by_nationality),
    ):
        for key, count in counts.items():
            writer.writerow([dimension, key, count])
    for status, series in report.over_time.items():
        for month, count in zip(report.months, series, strict=True):
            writer.writerow([f"month:{month}", status, count])
    return out.getvalue()


def _svg(figure: object) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")  # type: ignore[attr-defined]
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _charts(report: Report) -> list[tuple[str, str]]:
    # Plain Figure objects, not pyplot: no global state, so the API's threads can render
    # reports at the same time.
    from matplotlib.figure import Figure

    charts = []
    statuses = [k for k, n in report.by_status.items() if n]
    fig = Figure(figsize=(7, 3))
    ax = fig.subplots()
    ax.barh([_label(k) for k in statuses], [report.by_status[k] for k in statuses])
    ax.invert_yaxis()
    ax.set_xlabel("subjects")
    charts.append(("By status", _svg(fig)))
    if report.by_state:
        fig = Figure(figsize=(7, 3))
        ax = fig.subplots()
        ax.bar(list(report.by_state), list(report.by_state.values()))
        ax.set_ylabel("located subjects")
        charts.append(("By US state", _svg(fig)))
    if report.months:
        fig = Figure(figsize=(7, 3.5))
        ax = fig.subplots()
        for status, series in report.over_time.items():
            if any(series):
                ax.plot(report.months, series, marker="o", label=_label(status))
        ax.legend(fontsize=7, ncol=2)
        ax.tick_params(axis="x", labelrotation=45, labelsize=7)
        ax.set_ylabel("subjects")
        charts.append(("Over time (month ends)", _svg(fig)))
    return charts


def render_html(report: Report) -> str:
    esc = html.escape
    rows = "\n".join(
        "<tr>"
        + "".join(
            f"<td>{esc(str(v) if v is not None else '')}</td>"
            for v in (
                c["case"],
                c["name"],
                (c["nationality"] or "").upper(),
                _label(c["status"]),
                ", ".join(p for p in (c["city"], c["state"], c["country"]) if p),
                c["office"],
                c["priority"],
            )
        )
        + "</tr>"
        for c in report.cases
    )
    charts = "\n".join(
        f"<figure><figcaption>{esc(title)}</figcaption>{svg}</figure>"
        for title, svg in _charts(report)
    )
    briefing = "".join(f"<p>{esc(line)}</p>" for line in render_text(report).splitlines())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Subjects of concern — {esc(report.generated_at[:10])}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em; max-width: 60em; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.9em; }}
td, th {{ border-bottom: 1px solid #ddd; padding: 0.3em 0.5em; text-align: left; }}
figure {{ margin: 1em 0; }} figcaption {{ font-weight: bold; }}
</style></head><body>
<h1>Subjects of concern</h1>
<section id="briefing">{briefing}</section>
<section id="charts">{charts}</section>
<h2>Cases ({report.designated})</h2>
<table id="cases"><thead><tr><th>case</th><th>name</th><th>nationality</th><th>status</th>
<th>last known location</th><th>office</th><th>priority</th></tr></thead>
<tbody>
{rows}
</tbody></table>
</body></html>
"""


def render(report: Report, fmt: str) -> str:
    return {
        "text": render_text,
        "json": render_json,
        "csv": render_csv,
        "html": render_html,
    }[fmt](report)
