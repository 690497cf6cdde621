"""`name-fuzzy-v0`: the first matcher, a rapidfuzz name score adjusted by hard evidence.

It exists so that screening works end to end before the calibrated cross-script model
arrives; its weights are hand-set, documented here, and it stays registered so results
produced with it can be re-explained later.
"""

from __future__ import annotations

from dataclasses import dataclass

from watchline.match.features import best_date_pair, best_name_pair, countries, documents
from watchline.match.types import FeatureResult, MatchResult
from watchline.model import Entity


@dataclass(frozen=True)
class NameFuzzyV0:
    name: str = "name-fuzzy-v0"
    threshold: float = 0.80
    date_match_bonus: float = 0.08
    date_conflict_penalty: float = 0.25
    country_match_bonus: float = 0.03
    country_conflict_penalty: float = 0.05
    document_match_bonus: float = 0.25

    def compare(self, query: Entity, candidate: Entity) -> MatchResult:
        features: list[FeatureResult] = []
        name_sim, qname, cname = best_name_pair(query, candidate)
        features.append(
            FeatureResult(
                "name",
                name_sim,
                name_sim,
                f"name {qname!r} ~ {cname!r} ({name_sim:.2f})" if qname else "no comparable name",
                qname,
                cname,
            )
        )
        score = name_sim
        date_sim, qdate, cdate = best_date_pair(query, candidate)
        if date_sim is not None:
            if date_sim >= 0.7:
                effect = self.date_match_bonus * date_sim
                detail = f"birth date {qdate} ~ {cdate}"
            else:
                effect = -self.date_conflict_penalty
                detail = f"birth date conflict {qdate} vs {cdate}"
            score += effect
            features.append(FeatureResult("birth_date", date_sim, effect, detail, qdate, cdate))
        qc, cc = countries(query), countries(candidate)
        if qc and cc:
            shared = qc & cc
            effect = self.country_match_bonus if shared else -self.country_conflict_penalty
            detail = f"country {sorted(shared)[0]}" if shared else "country differs"
            score += effect
            features.append(
                FeatureResult(
                    "country",
                    1.0 if shared else 0.0,
                    effect,
                    detail,
                    ",".join(sorted(qc)),
                    ",".join(sorted(cc)),
                )
            )
        qd, cd = documents(query), documents(candidate)
        shared_docs = qd & cd
        if shared_docs:
            doc = sorted(shared_docs)[0]
            score += self.document_match_bonus
            features.append(
                FeatureResult(
                    "document", 1.0, self.document_match_bonus, f"document {doc} matches", doc, doc
                )
            )
        score = min(1.0, max(0.0, score))
        return MatchResult(round(score, 4), score >= self.threshold, self.name, features)
