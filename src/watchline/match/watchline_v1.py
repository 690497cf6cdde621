"""`watchline-v1`: cross-script name alignment plus date, document, country and gender
evidence, weighed by a logistic model fitted on generated labelled pairs."""

from __future__ import annotations

from dataclasses import dataclass, field

from watchline.match.evidence import gather_evidence
from watchline.match.model import LinearModel, load_model
from watchline.match.types import FeatureResult, MatchResult
from watchline.model import Entity

#: Evidence groups shown in explanations: each feature belongs to the group of its prefix.
GROUPS = {
    "name": "name",
    "dob": "birth_date",
    "country": "country",
    "document": "document",
    "gender": "gender",
}


@dataclass(frozen=True)
class WatchlineV1:
    name: str = "watchline-v1"
    model: LinearModel = field(default_factory=lambda: load_model("watchline-v1"))

    @property
    def threshold(self) -> float:
        return self.model.threshold

    def compare(self, query: Entity, candidate: Entity) -> MatchResult:
        ev = gather_evidence(query, candidate)
        logit = self.model.intercept
        grouped: dict[str, float] = {}
        for feature, contribution in self.model.contributions(ev.values):
            logit += contribution
            group = GROUPS[feature.split("_", 1)[0]]
            if ev.values[feature] or group == "name":
                grouped[group] = grouped.get(group, 0.0) + contribution
        features: list[FeatureResult] = []
        for feature, (text, qv, cv) in ev.details.items():
            group = GROUPS[feature.split("_", 1)[0]]
            similarity = ev.values.get(feature, 0.0)
            if group == "name":
                similarity = ev.values["name_similarity"]
            features.append(
                FeatureResult(
                    group, round(similarity, 4), round(grouped.get(group, 0.0), 4), text, qv, cv
                )
            )
        score = self.model.probability(logit)
        if (ev.name is None or not ev.name.matches) and not ev.values["document_match"]:
            # Nothing identifies the pair: not one name part aligned and no shared
            # document. A birth date alone is shared by thousands on a large list.
            score = 0.0
        return MatchResult(round(score, 4), score >= self.threshold, self.name, features)
