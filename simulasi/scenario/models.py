"""The `simulasi/1` document as frozen pydantic models.

These models check the shape of a scenario (keys, types, ranges, id patterns, durations) and
fill the defaults the format defines. What needs the whole document (references, duplicate ids,
expressions, reachability) is checked afterwards by `simulasi.scenario.lint`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from simulasi.scenario.durations import parse_duration
from simulasi.scenario.yamltree import YFloat, YInt

FORMAT = "simulasi/1"

#: Words of the expression language, which can never be ids.
RESERVED = frozenset({"and", "or", "not", "true", "false", "visited", "chosen", "timed_out"})
ID_PATTERN = r"^[a-z][a-z0-9_]*$"
SCENARIO_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
CLOCK_PATTERN = r"^([01]?[0-9]|2[0-3])[:.][0-5][0-9]$"
_ID = re.compile(ID_PATTERN)
_SCENARIO_ID = re.compile(SCENARIO_ID_PATTERN)

Channel = Literal[
    "whatsapp", "social", "news", "phone", "email", "meeting", "tv", "sms", "letter", "radio"
]
RUBRIC_VALUES = (0.0, 0.33, 0.67, 1.0)
#: The ratings a choice may carry; `scoring.ratings` may revalue them, not add others.
Rating = Literal["best", "good", "weak", "harmful"]
DEFAULT_RATINGS: dict[Rating, float] = {"best": 100.0, "good": 70.0, "weak": 35.0, "harmful": 0.0}
DEFAULT_WEIGHTS = {"speed": 0.25, "accuracy": 0.45, "impact": 0.30}


def _as_text(value: Any) -> Any:
    """Scalars where text is expected keep the text they were written with."""
    if isinstance(value, (YInt, YFloat)):
        return value.raw
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return value


def _check_id(value: str) -> str:
    if not _ID.match(value) or value in RESERVED:
        raise PydanticCustomError("sim_id", "invalid id {value}", {"value": value})
    return value


def _check_scenario_id(value: str) -> str:
    if not _SCENARIO_ID.match(value):
        raise PydanticCustomError(
            "sim_scenario_id", "invalid scenario id {value}", {"value": value}
        )
    return value


def _duration(value: Any) -> float:
    try:
        return parse_duration(value)
    except ValueError:
        raise PydanticCustomError(
            "sim_duration", "invalid duration {value}", {"value": _as_text(value)}
        ) from None


def _positive(value: float) -> float:
    if value <= 0:
        raise PydanticCustomError("sim_duration_positive", "must be > 0", {"value": value})
    return value


def _non_negative(value: float) -> float:
    if value < 0:
        raise PydanticCustomError("sim_duration_negative", "must be >= 0", {"value": value})
    return value


def _id_list(value: Any) -> Any:
    """`next: e2` and `next: [e2, e3]` both become a tuple of ids."""
    if isinstance(value, (list, tuple)):
        return value
    return [value]


#: `90`, `"90s"`, `"5m"`, `"1m30s"` as a JSON Schema pattern (what `parse_duration` reads);
#: the lookahead asks for a digit, and for a non-zero digit where the duration must be > 0.
_DURATION_TAIL = r"\s*(\d+(\.\d+)?\s*m)?\s*(\d+(\.\d+)?\s*s?)?\s*$"


def _duration_schema(positive: bool) -> dict[str, Any]:
    lookahead = r"(?=.*[1-9])" if positive else r"(?=.*\d)"
    bound = {"exclusiveMinimum": 0} if positive else {"minimum": 0}
    return {
        "anyOf": [
            {"type": "number", **bound},
            {"type": "string", "pattern": "^" + lookahead + _DURATION_TAIL},
        ]
    }


#: An id as the schema states it: the pattern, and never a word of the expression language.
ID_SCHEMA: dict[str, Any] = {
    "type": "string",
    "pattern": ID_PATTERN,
    "not": {"enum": sorted(RESERVED)},
}

# Text keeps a number or a bool written where text is expected (`title: 2024`), so the
# schema accepts those scalars too.
Text = Annotated[
    str, BeforeValidator(_as_text), WithJsonSchema({"type": ["string", "number", "boolean"]})
]
Id = Annotated[
    str,
    BeforeValidator(_as_text),
    AfterValidator(_check_id),
    WithJsonSchema(ID_SCHEMA),
]
ScenarioId = Annotated[
    str,
    BeforeValidator(_as_text),
    AfterValidator(_check_scenario_id),
    # `id: 2024` is the text "2024" and `id: true` the text "true", both valid scenario ids.
    WithJsonSchema(
        {"type": ["string", "integer", "boolean"], "pattern": SCENARIO_ID_PATTERN, "minimum": 0}
    ),
]
Positive = Annotated[
    float,
    BeforeValidator(_duration),
    AfterValidator(_positive),
    WithJsonSchema(_duration_schema(positive=True)),
]
NonNegative = Annotated[
    float,
    BeforeValidator(_duration),
    AfterValidator(_non_negative),
    WithJsonSchema(_duration_schema(positive=False)),
]
Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]
IdList = Annotated[
    tuple[Id, ...],
    BeforeValidator(_id_list),
    WithJsonSchema(
        {
            "anyOf": [
                ID_SCHEMA,
                {"type": "array", "items": ID_SCHEMA},
            ]
        }
    ),
]
# A condition: text (`true`/`false` written bare are the conditions "true"/"false"; a bare
# number is never a condition).
Expression = Annotated[
    str,
    BeforeValidator(_as_text),
    WithJsonSchema({"type": ["string", "boolean"], "pattern": r"\S"}),
]
FlagValue = StrictBool | StrictInt
Effects = dict[Id, Number]


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False
    )


class Stakeholder(_Model):
    """A party whose trust the trainee must keep; its meter runs from 0 to 100."""

    id: Id
    name: Text = ""
    initial: Annotated[Number, Field(ge=0, le=100)] = 50.0
    power: Annotated[int, Field(strict=True, ge=1, le=3)] = 1
    interest: Annotated[int, Field(strict=True, ge=1, le=3)] = 1
    weight: Annotated[Number, Field(gt=0)] | None = None
    key: Annotated[bool, Field(strict=True)] | None = None
    description: Text = ""

    @model_validator(mode="after")
    def _defaults(self) -> Stakeholder:
        # The format's defaults: weight = power x interest; key when that weight >= 6.
        if self.weight is None:
            object.__setattr__(self, "weight", float(self.power * self.interest))
        if self.key is None:
            object.__setattr__(self, "key", (self.weight or 0) >= 6)
        if not self.name:
            object.__setattr__(self, "name", self.id)
        return self

    @property
    def effective_weight(self) -> float:
        return self.weight if self.weight is not None else float(self.power * self.interest)

    @property
    def is_key(self) -> bool:
        return bool(self.key)


class Criterion(_Model):
    """One criterion of the accuracy rubric."""

    id: Id
    name: Text = ""
    weight: Annotated[Number, Field(gt=0)] = 1.0
    description: Text = ""

    @model_validator(mode="after")
    def _defaults(self) -> Criterion:
        if not self.name:
            object.__setattr__(self, "name", self.id)
        return self


class Flag(_Model):
    """A state variable read by conditions: bool, or int with optional bounds."""

    id: Id
    type: Literal["bool", "int"] = "bool"
    initial: FlagValue | None = None
    min: Annotated[int, Field(strict=True)] | None = None
    max: Annotated[int, Field(strict=True)] | None = None
    description: Text = ""

    @model_validator(mode="after")
    def _defaults(self) -> Flag:
        if self.initial is None:
            object.__setattr__(self, "initial", False if self.type == "bool" else 0)
        return self


class Weights(_Model):
    """Weights of the three sub-scores; a scenario overrides only the keys it gives."""

    speed: Annotated[Number, Field(ge=0)] = DEFAULT_WEIGHTS["speed"]
    accuracy: Annotated[Number, Field(ge=0)] = DEFAULT_WEIGHTS["accuracy"]
    impact: Annotated[Number, Field(ge=0)] = DEFAULT_WEIGHTS["impact"]


class Band(_Model):
    min: Annotated[Number, Field(ge=0, le=100)]
    label: Text


DEFAULT_BANDS = (
    Band(min=85, label="Sangat Baik"),
    Band(min=70, label="Baik"),
    Band(min=55, label="Cukup"),
    Band(min=0, label="Kurang"),
)


def _merge_ratings(value: Any) -> Any:
    # Per-key merge with the defaults: a scenario may override or add single ratings.
    if isinstance(value, dict):
        return {**DEFAULT_RATINGS, **value}
    return value


class Scoring(_Model):
    """How a run is scored; every key is optional (docs/scoring.md)."""

    weights: Weights = Weights()
    pass_mark: Annotated[Number, Field(ge=0, le=100)] = 70.0
    speed_floor: Annotated[Number, Field(ge=0, le=1)] = 0.2
    critical_cap: Annotated[Number, Field(ge=0, le=100)] = 54.0
    ratings: Annotated[
        dict[Rating, Annotated[Number, Field(ge=0, le=100)]], BeforeValidator(_merge_ratings)
    ] = Field(default_factory=lambda: dict(DEFAULT_RATINGS))
    bands: Annotated[tuple[Band, ...], Field(min_length=1)] = DEFAULT_BANDS


class Outcome(_Model):
    """What a choice, a timeout or an update does to the world."""

    effects: Effects = Field(default_factory=dict)
    set: dict[Id, FlagValue] = Field(default_factory=dict)
    add: dict[Id, Annotated[int, Field(strict=True)]] = Field(default_factory=dict)
    next: IdList = ()
    end: Id | None = None


class Choice(Outcome):
    """One response the trainee can pick."""

    id: Id
    text: Text
    rating: Rating | None = None
    accuracy: Annotated[Number, Field(ge=0, le=100)] | None = None
    rubric: (
        Annotated[
            dict[Id, Number],
            WithJsonSchema(
                {
                    "type": "object",
                    "propertyNames": ID_SCHEMA,
                    "additionalProperties": {"enum": [0, 0.33, 0.67, 1]},
                    "minProperties": 1,
                }
            ),
        ]
        | None
    ) = None
    critical: Annotated[bool, Field(strict=True)] = False
    when: Expression | None = None
    feedback: Text = ""


class OnTimeout(Outcome):
    """What happens when a decision is left unanswered."""

    accuracy: Annotated[Number, Field(ge=0, le=100)] = 0.0
    feedback: Text = ""


class Event(Outcome):
    """An inject: a decision when it has choices, otherwise an update."""

    id: Id
    at: NonNegative | None = None
    delay: NonNegative = 0.0
    when: Expression | None = None
    channel: Channel | None = None
    sender: Text = Field("", alias="from")
    title: Text = ""
    body: Text = ""
    world_time: Text | None = None
    weight: Annotated[Number, Field(gt=0)] = 1.0
    deadline: Positive | None = None
    golden: Positive | None = None
    half_life: Positive | None = None
    drift: Effects = Field(default_factory=dict)
    choices: tuple[Choice, ...] | None = None
    on_timeout: OnTimeout | None = None
    order: Literal["shuffled", "fixed"] = Field(
        "shuffled",
        description=(
            "Order of a decision's choices on screen: shuffled (default), drawn from the run's "
            "seed; fixed, as written in the file (for ordinal scales: now, in 1 hour, tomorrow)."
        ),
    )

    @model_validator(mode="after")
    def _defaults(self) -> Event:
        # golden = 0.3 x deadline and half_life = golden unless given.
        if self.deadline is not None and self.golden is None:
            object.__setattr__(self, "golden", 0.3 * self.deadline)
        if self.golden is not None and self.half_life is None:
            object.__setattr__(self, "half_life", self.golden)
        return self

    @property
    def is_decision(self) -> bool:
        return self.choices is not None


class Ending(_Model):
    id: Id
    title: Text = ""
    when: Expression | None = None
    text: Text = ""


class WorldClock(_Model):
    """A narrative clock for display: the in-world time at scenario second 0."""

    start: Annotated[
        str,
        BeforeValidator(_as_text),
        Field(pattern=CLOCK_PATTERN),
        WithJsonSchema({"type": "string", "pattern": CLOCK_PATTERN}),
    ]
    zone: Literal["WIB", "WITA", "WIT"] = "WIB"
    minutes_per_second: Annotated[Number, Field(gt=0)] = 1.0


class ScenarioDoc(_Model):
    """A whole `simulasi/1` scenario file."""

    format: Literal["simulasi/1"]
    id: ScenarioId
    title: Text
    summary: Text
    language: Literal["id", "en"] = "id"
    role: Text = ""
    briefing: Text
    objectives: tuple[Text, ...] = ()
    world_clock: WorldClock | None = None
    feedback: Literal["debrief", "immediate"] = "debrief"
    stakeholders: Annotated[tuple[Stakeholder, ...], Field(min_length=1)]
    criteria: tuple[Criterion, ...] = ()
    flags: tuple[Flag, ...] = ()
    scoring: Scoring = Scoring()
    events: Annotated[tuple[Event, ...], Field(min_length=1)]
    endings: Annotated[tuple[Ending, ...], Field(min_length=1)]
