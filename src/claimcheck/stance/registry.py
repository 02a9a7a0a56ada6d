"""The stance rules in the order they are tried: most specific first. Add a rule by writing its class and listing it here."""

from __future__ import annotations

from .base import Blocker, Rule
from .blockers import (
    CauseBlocker,
    ColumnBlocker,
    CorrectedRule,
    DateBlocker,
    DoubtBlocker,
    EarlierStageBlocker,
    ExceptedBlocker,
    FigureBlocker,
    HeadingBlocker,
    HedgeBlocker,
    NameBlocker,
    OppositeBlocker,
    OwnerBlocker,
    PastStateBlocker,
    PeriodBlocker,
    PossibilityBlocker,
    QualifierBlocker,
    QuestionBlocker,
    QuotationBlocker,
    RetractedBlocker,
    ReversedBlocker,
    UndoneBlocker,
)
from .degrees import (
    ComparisonBlocker,
    DegreeSubjectBlocker,
    FrequencyBlocker,
    LesserRankBlocker,
    MajorityBlocker,
    OrdinalBlocker,
    OrdinalRule,
    OtherQualifierBlocker,
    OthersBlocker,
    PartialBlocker,
    PeriodOfYearBlocker,
    RoleModifierBlocker,
    SuperlativeBlocker,
    SuperlativeDateBlocker,
)
from .denials import (
    AnsweredQuestionRule,
    DefaultStateBlocker,
    DeniedClauseRule,
    DisputedRule,
    NegatedClauseBlocker,
    NegativeAnswerBlocker,
    NoEffectRule,
    ReplacedFigureBlocker,
)
from .grounding import MissingArgumentBlocker, MissingVerbBlocker, WeakPredicateBlocker
from .model import NLIRule
from .naming import OtherPostRule, RoleSwapRule, SpeakerRule, SwappedNameRule
from .numbers import AttributionRule, ComparisonRule, CorrectedFigureRule, DateRule, DirectionRule, FigureRule, PartOfAllRule, ReversedChangeRule
from .slots import FigureMeasureBlocker, FigureSubjectBlocker, PredicateSubjectBlocker, ReferentBlocker, SubjectRoleBlocker, YearSubjectBlocker
from .swaps import OpeningWordBlocker, OtherCommonDoerBlocker, OtherDoerBlocker, PossessorBlocker
from .wording import AntonymRule, NegatedQualifierRule, OpposedStateRule, PolarityRule

# A correction notice repeating the claim as its error, a figure tied to a name, then figures and dates on the same
# assertion, and a figure corrected in a passage that leaves some names to its context; then a negated qualifier; then
# the rules that name one word at issue (comparison, polarity, antonym, roles, posts), which only cast doubt off the assertion;
# then an NLI model's judgement, and last a swapped name, which needs the rest of the claim to match.
CONTRADICTIONS: tuple[Rule, ...] = (
    CorrectedRule(),
    AttributionRule(),
    FigureRule(),
    ReversedChangeRule(),
    DirectionRule(),
    DateRule(),
    CorrectedFigureRule(),
    NegatedQualifierRule(),
    ComparisonRule(),
    PartOfAllRule(),
    PolarityRule(),
    AnsweredQuestionRule(),
    DeniedClauseRule(),
    DisputedRule(),
    NoEffectRule(),
    AntonymRule(),
    OpposedStateRule(),
    OrdinalRule(),
    RoleSwapRule(),
    OtherPostRule(),
    NLIRule(),
    SwappedNameRule(),
    SpeakerRule(),
)

# Why a passage cannot support the claim, most telling first.
BLOCKERS: tuple[Blocker, ...] = (
    DoubtBlocker(),
    QuestionBlocker(),
    HeadingBlocker(),
    NegativeAnswerBlocker(),
    QuotationBlocker(),
    RetractedBlocker(),
    QualifierBlocker(),
    CauseBlocker(),
    HedgeBlocker(),
    PossibilityBlocker(),
    UndoneBlocker(),
    ReversedBlocker(),
    ExceptedBlocker(),
    EarlierStageBlocker(),
    OppositeBlocker(),
    DefaultStateBlocker(),
    NegatedClauseBlocker(),
    OwnerBlocker(),
    OtherDoerBlocker(),
    OtherCommonDoerBlocker(),
    PossessorBlocker(),
    OpeningWordBlocker(),
    FigureSubjectBlocker(),
    YearSubjectBlocker(),
    FigureMeasureBlocker(),
    PredicateSubjectBlocker(),
    ReferentBlocker(),
    SubjectRoleBlocker(),
    DegreeSubjectBlocker(),
    ComparisonBlocker(),
    SuperlativeBlocker(),
    LesserRankBlocker(),
    SuperlativeDateBlocker(),
    OthersBlocker(),
    OtherQualifierBlocker(),
    MajorityBlocker(),
    PartialBlocker(),
    RoleModifierBlocker(),
    ReplacedFigureBlocker(),
    NameBlocker(),
    PeriodBlocker(),
    PastStateBlocker(),
    PeriodOfYearBlocker(),
    OrdinalBlocker(),
    FrequencyBlocker(),
    ColumnBlocker(),
    FigureBlocker(),
    DateBlocker(),
    WeakPredicateBlocker(),
    MissingVerbBlocker(),
    MissingArgumentBlocker(),
)
