"""General English word knowledge used by stance: stop words, negation cues, antonyms, paraphrase verbs."""

from __future__ import annotations

import re

STOP_WORDS = frozenset(
    """a an the and or but if then than that this these those there here of to in on at by for with from as into onto
    about over under after before during between among through against within without is are was were be been being
    am do does did done doing has have had having will would shall should can could may might must it its it's they
    them their theirs he him his she her hers we us our ours you your i me my mine who whom whose which what when
    where why how all any both each few more most other some such only own same so too very just also still yet
    s t not no nor never n't said says say told tell according reported reports report per while though although
    because since until unless also however even ever again further once up down out off whether via upon amid
    like including include includes included new one""".split()
)

# Words that flip the polarity of what follows them.
NEGATION_CUES = frozenset(
    """not n't never no none nobody nothing neither nor without cannot cant dont doesnt didnt wont isnt arent wasnt
    werent hasnt havent hadnt couldnt shouldnt wouldnt lacks lacked lack""".split()
)
# Verbs that negate only the infinitive they govern: "declined to comment", "failed to pay".
NEGATING_VERBS = frozenset("refused refuses refuse declined declines decline failed fails fail unable".split())
# Verbs of choosing and advising whose "against" negates the act it governs: "decided against referring", "voted against
# raising", "cautions against scaling".
CHOOSING_VERBS = frozenset(
    "decide decides decided decision vote votes voted rule rules ruled advise advises advised advice choose chooses chose opt opts opted "
    "recommend recommends recommended argue argues argued caution cautions cautioned warn warns warned counsel counsels counselled "
    "counseled".split()
)
# Words that give a change its direction: "visitor numbers fell" against "41,000, up from 36,500".
RISING_WORDS = frozenset("rise rises rose risen rising climb climbed grow grows grew grown increase increased jump jumped soar soared surge surged".split())
FALLING_WORDS = frozenset(
    "fall falls fell fallen falling drop dropped decline declined decrease decreased slip slipped plunge plunged sank sunk shrink shrank shrunk".split()
)
# Verbs that say a thing is gone or absent, so agree with a negation of it: "dropped HTTP/2 support" and "no HTTP/2".
PRIVATIVE_VERBS = frozenset(
    """drop drops dropped dropping remove removes removed removing lack lacks lacked lacking discontinue discontinues
    discontinued abandon abandons abandoned scrap scraps scrapped eliminate eliminates eliminated withdraw withdraws
    withdrew withdrawn""".split()
)
# Words that say a thing is not, or not so, without a negation: a passage with one of them may bear out a negative claim
# ("the service is free" for "no fee is charged", "only foot passengers" for "no cars", "the road stays closed").
NEGATIVE_MEANING = frozenset(
    """only free zero nil absent absence missing empty against instead rather neither few little hardly barely rarely
    seldom scarcely impossible ban bans banned bar barred close closes closed closing closure shut shuts stop stops
    stopped cease ceased ceases halt halted halts cancel cancels cancelled canceled scrap scrapped reject rejects rejected
    deny denies denied oppose opposes opposed lose loses lost dark gone ended still yet before until unless
    except apart other than exempt prevent prevents prevented prohibit prohibits prohibited forbid forbids forbidden
    avoid avoids avoided exclude excludes excluded miss misses missed""".split()
)
# Words that make a passage doubt what it reports, so it cannot support a flat claim.
HEDGES = frozenset("unlikely allege alleges alleged allegedly might uncertain unclear doubt doubts doubtful unconfirmed rumored rumoured".split())
# Nouns naming a view, an estimate or a claim someone holds or puts forward: what their "that"-clause holds is not the fact.
VIEW_NOUNS = "estimate|claim|belief|view|assumption|assertion|suggestion|allegation|expectation|prediction|projection|theory|contention"
# Words that leave open what follows them, to the end of its clause: "may slow the growth", "whether it works".
# "may" only in lower case (not the month), "could" not before a negation, "likely" not after "more"/"less" (a comparison),
# nor "most likely to" ("the most likely to vote"), though "the most likely cause" is a hedge.
OPEN_AHEAD = re.compile(
    r"\b(?:may|might|could(?!\s+not\b|n['’]t)|[Ww]hether|possibly|perhaps|probably|presumably|potential(?:ly)?|possible(?!\s+(?:by|for|thanks)\b)|(?<!more\s)(?<!less\s)(?<!least\s)(?:(?<!most\s)likely|(?<=most\s)likely(?!\s+to\b))"
    r"|suggests?\s+that|speculated?\s+that|hypothesi[sz]ed?\s+that|indications?\s+(?:are|is|were|was)\s+that"
    # An expectation, a hope or an intention is not the event: "is expected to be full by March", "hopes to lift the ban".
    r"|expect(?:s|ed|ing)?\s+(?:[\w'’-]+\s+){0,3}?to|hop(?:e|es|ed|ing)\s+to|aim(?:s|ed|ing)?\s+to|intend(?:s|ed|ing)?\s+to|plan(?:s|ned|ning)?\s+to"
    r"|(?:forecast|projected|predicted)\s+to"
    # A belief is not the fact: "We believe the crack is more consistent with overloading", "a sum believed to be £5,000".
    r"|believ(?:e|es|ed|ing)|(?:is|are|was|were)\s+thought\s+to"
    # So is what a view, an estimate or a claim holds: "Tallis Homes' own estimate that preserving it would cost 38 homes".
    # (A noun after a determiner or an owner: "We estimate that ..." is a verb, read with the hedges above.)
    rf"|(?:the|an?|its|his|her|our|own|their)\s+(?:{VIEW_NOUNS})s?\s+that"
    # Nor is an attempt, a threat or a promise: "threatened to flood the town", "tried to stop", "pledged to cut".
    r"|(?:threaten|attempt|pledge|vow)(?:s|ed|ing)?\s+to|tr(?:y|ies|ied|ying)\s+to|(?:seeks?|seeking|sought)\s+to|promis(?:e|es|ed|ing)\s+to"
    # Weighing a step is not taking it: "is considering a fine of £2 million", "considered closing the plant".
    r"|consider(?:s|ed|ing)?\s+(?:a|an|\w+ing)"
    # Nor is agreeing to it, opposing it or calling it off: "agreed to return the painting", "voted against closing the
    # library", "abandoned plans to expand into France", "has yet to return". (Not "postponed": it names the new date.)
    r"|agree(?:s|d|ing)?\s+to(?!\s+(?:a|an|the|its|their|his|her|our|this|that|these|those|terms)\b)|(?:vote|votes|voted|voting|argue|argues|argued|arguing|campaign|campaigns|campaigned|campaigning)\s+against"
    r"|(?:cancel|abandon|scrap|shelv)(?:e|es|ed|ing|s|led|ling|ped|ping)?\b|call(?:s|ed|ing)?\s+off"
    r"|(?:has|have|had|is|are|was|were)\s+yet\s+to|(?:is|are|was|were)\s+(?:meant|supposed)\s+to"
    # What is denied, disputed or rumoured is not borne out: "denied that it had cut jobs", "rejected the claim that",
    # "there is no evidence that", "rumours that the mayor had resigned".
    r"|den(?:y|ies|ied|ying)\s+(?:that|having|\w+ing)"
    r"|(?:reject|rejects|rejected|rejecting|dismiss|dismisses|dismissed|dismissing|disput(?:e|es|ed|ing)|refut(?:e|es|ed|ing)|den(?:y|ies|ied|ying))"
    r"\s+(?:the\s+|an?\s+|any\s+)?(?:claims?|suggestions?|allegations?|reports?|idea|assertions?|notion)\s+that"
    r"|no\s+evidence\s+(?:that|of)|[Rr]umou?rs?\s+(?:that|of))\b"
)
# Words that leave open what came before them in the clause: "its effect is unknown", "X, but this was not tested".
OPEN_BEHIND = re.compile(
    r"\b(?:(?:is|are|was|were|remains?|remained)\s+(?:still\s+)?(?:unknown|unclear|uncertain|unconfirmed|untested|unproven)"
    r"|(?:not|never)\s+(?:yet\s+)?(?:been\s+)?(?:tested|confirmed|proven|proved|established|verified|known|shown|studied)"
    r"|(?:needs?|needed|remains?|remained)\s+to\s+(?:be\s+)?(?:confirm|confirmed|tested|test|established|establish|proven|seen|shown|studied)\b(?:\s+this)?"
    r"|(?:is|are|was|were)\s+yet\s+to\s+be\s+\w+"
    # "Reports that the dam leaked were false."
    r"|(?:is|are|was|were|proved|proven)\s+(?:to\s+be\s+)?(?:false|untrue|unfounded|baseless))\b"
)
# Qualifiers that narrow an assertion: a passage that lacks one does not support the claim, and one
# that negates it ("no direct flights") contradicts a claim that asserts it ("flies directly").
QUALIFIERS = frozenset(
    """directly direct only solely exclusively sole first never always entire entirely personally publicly
    secretly unanimously illegally legally voluntarily automatically fully completely wholly full""".split()
)

# Titles dropped from the front of a name before comparing names. Words that also open names of
# organisations ("General Electric", "Justice Department", "St. Louis") are left out.
TITLES = frozenset(
    """mr mrs ms dr prof professor sen senator rep representative gov governor president coach chief judge
    mayor minister secretary director officer sheriff sergeant sgt captain capt lieutenant lt gen colonel col
    ceo cfo cto chairman chairwoman commissioner councilman councilwoman councilor superintendent
    spokesman spokeswoman spokesperson""".split()
)
# Nouns naming a post a person holds: "the mayor", "its chief executive", "editor Ann Roe".
ROLE_NOUNS = frozenset(
    """mayor chair chairman chairwoman chairperson president director head chief manager minister secretary governor
    commissioner editor leader captain coach principal dean executive officer treasurer spokesman spokeswoman
    spokesperson premier superintendent sheriff chancellor speaker curator founder cofounder co-founder ceo cfo cto coo
    cio cmo organiser organizer conciliator negotiator steward convenor convener clerk registrar agent""".split()
)
# Common nouns for people and bodies that act: a doer a passive without its agent leaves unsaid ("the second officer moved
# it" against "it was moved"). General English; with `ROLE_NOUNS`, `INSTITUTION_NOUNS` and `AGENT_NOUNS` they make the doers.
PEOPLE_NOUNS = frozenset(
    """person people man men woman women child children worker workers staff crew crews team officer officers police
    lookout pilot driver engineer engineers inspector inspectors investigator investigators doctor doctors nurse nurses
    teacher teachers student students member members resident residents owner owners buyer seller customer customers
    employee employees volunteer volunteers government regulator operator operators company firm contractor contractors
    developer developers judge jury panel councillor councillors trustee trustees minister ministers official officials
    lawyer lawyers auditor auditors researcher researchers scientist scientists farmer farmers player players manager
    managers""".split()
)
# Words that make a post's name inside it: "chief technology officer", "managing director", "finance minister".
ROLE_QUALIFIERS = frozenset(
    """chief executive operating financial finance technology technical information marketing managing general vice
    deputy senior lead communications press commercial medical scientific artistic creative legal research sales
    programme program project product design health education foreign home justice defence defense culture transport
    assistant associate non-executive""".split()
)
# Short and gendered forms of posts, written the one way: the CEO is the chief executive, a chairwoman the chair.
ROLE_FORMS = {
    "ceo": "chief executive",
    "cfo": "chief financial",
    "cto": "chief technology",
    "coo": "chief operating",
    "cio": "chief information",
    "cmo": "chief marketing",
    "chairman": "chair",
    "chairwoman": "chair",
    "chairperson": "chair",
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "cofounder": "founder",
    "co-founder": "founder",
}
# Words that date a post, so that another post is no contradiction: "the former chair", "then-president", "its new head".
ROLE_TIME_WORDS = frozenset("former then ex ex- later now new outgoing incoming acting interim future previous past late".split())
# What a rule lets be done and what it forbids, negated forms first: "not banned" lets, "not allowed" forbids.
DEONTIC = re.compile(
    r"(?P<let>\bnot\s+(?:be\s+)?(?:banned|prohibited|forbidden|barred|illegal|unlawful)\b)"
    r"|(?P<forbid>\b(?:not|no\s+longer)\s+(?:be\s+)?(?:allowed|permitted|legal|lawful|exempt(?:ed)?)\b|\b(?:must|shall)\s+not\b|\bmustn['’]t\b"
    r"|\b(?:banned|prohibited|forbidden|barred|outlawed|illegal|unlawful)\b|\bis\s+an\s+offen[cs]e\b)"
    r"|(?P<permit>\b(?:allowed|permitted|exempt(?:ed)?|legal|lawful)\b|\b(?:may|can)\s+still\b|\bfree\s+to\b)",
    re.IGNORECASE,
)
# Words that make part of what a rule forbids lawful again: "except", "unless", "apart from".
EXCEPTING = re.compile(r"\b(?:except|unless|apart\s+from|other\s+than|with\s+the\s+exception|exempt(?:ion|ions|ed)?|excluding)\b", re.IGNORECASE)
# A doer's title that names what it did ("Architect: Edwin Marl" designed the building), title → the verb.
AGENT_NOUNS = {
    "architect": "design",
    "designer": "design",
    "builder": "build",
    "author": "write",
    "writer": "write",
    "composer": "compose",
    "painter": "paint",
    "sculptor": "sculpt",
    "photographer": "photograph",
    "illustrator": "illustrate",
    "translator": "translate",
    "inventor": "invent",
    "founder": "found",
    "publisher": "publish",
    "manufacturer": "manufacture",
    "maker": "make",
}
# English verbs whose past forms are not the base with "-ed" ("led" is "lead", "born" is "bear"): a stemmer cannot join them.
_IRREGULAR = """
arise arose arisen; awake awoke awoken; bear bore born borne; beat beaten; become became; begin began begun; bend bent;
bind bound; bite bit bitten; bleed bled; blow blew blown; break broke broken; breed bred; bring brought; build built;
burn burnt; buy bought; catch caught; choose chose chosen; cling clung; come came; creep crept; deal dealt; dig dug;
do did done; draw drew drawn; drink drank drunk; drive drove driven; eat ate eaten; fall fell fallen; feed fed; feel felt;
fight fought; find found; flee fled; fly flew flown; forbid forbade forbidden; forget forgot forgotten; forgive forgave
forgiven; freeze froze frozen; get got gotten; give gave given; go went gone; grind ground; grow grew grown; hang hung;
have had; hear heard; hide hid hidden; hold held; keep kept; kneel knelt; know knew known; lay laid; lead led; leave left;
lend lent; lie lay lain; light lit; lose lost; make made; mean meant; meet met; mislead misled; oversee oversaw overseen;
overtake overtook overtaken; overcome overcame; pay paid; ride rode ridden; ring rang rung; rise rose risen; run ran;
say said; see saw seen; seek sought; sell sold; send sent; shake shook shaken; shine shone; shoot shot; show shown;
shrink shrank shrunk; sing sang sung; sink sank sunk; sit sat; sleep slept; slide slid; speak spoke spoken; speed sped;
spend spent; spin spun; spring sprang sprung; stand stood; steal stole stolen; stick stuck; sting stung; strike struck;
swear swore sworn; sweep swept; swim swam swum; swing swung; take took taken; teach taught; tear tore torn; tell told;
think thought; throw threw thrown; understand understood; undertake undertook undertaken; uphold upheld; wake woke woken;
wear wore worn; win won; wind wound; withdraw withdrew withdrawn; withhold withheld; write wrote written
"""
IRREGULAR_VERBS = {forms.split()[0]: tuple(forms.split()[1:]) for forms in _IRREGULAR.replace("\n", " ").split(";")}
# Their past tenses and participles ("paid", "told", "taken"), which no "-ed" marks.
PAST_FORMS = frozenset(form for forms in IRREGULAR_VERBS.values() for form in forms)
# Verbs with a particle whose meaning is neither word's alone ("turned down" the offer is "rejected" it), with the single
# verbs that say the same: a source says the phrasal verb in its own words or in one of these.
PHRASAL_VERBS = {
    "take over": ("acquire", "buy", "assume", "control", "succeed", "replace"),
    "take on": ("hire", "employ", "accept", "assume"),
    "take off": ("remove", "launch", "depart"),
    "take up": ("accept", "adopt", "begin", "start"),
    "take down": ("remove", "dismantle"),
    "take back": ("retract", "withdraw", "return"),
    "turn down": ("reject", "refuse", "decline"),
    "turn over": ("hand", "give", "transfer"),
    "turn up": ("appear", "arrive"),
    "give up": ("abandon", "quit", "surrender", "cede", "drop"),
    "give back": ("return", "restore"),
    "give away": ("donate",),
    "give in": ("yield", "concede", "surrender"),
    "go ahead": ("proceed",),
    "go on": ("continue",),
    "come back": ("return",),
    "get back": ("recover", "return", "regain"),
    "keep up": ("maintain", "continue"),
    "hold up": ("delay",),
    "hold off": ("delay", "postpone", "defer"),
    "hold back": ("withhold", "restrain"),
    "make up": ("account", "constitute", "form", "compose"),
    "set up": ("establish", "found", "create", "form", "launch"),
    "carry out": ("conduct", "perform", "execute", "undertake"),
    "put off": ("postpone", "delay", "defer"),
    "call off": ("cancel", "abandon", "scrap"),
    "leave out": ("exclude", "omit"),
    "shut down": ("close",),
    "close down": ("close",),
    "pull out": ("withdraw", "quit", "leave"),
    "step down": ("resign", "quit", "retire"),
    "stand down": ("resign", "quit", "retire"),
    "lay off": ("dismiss", "fire", "cut"),
    "break up": ("split", "dissolve", "disband"),
    "wipe out": ("destroy", "eliminate", "erase"),
    "pay back": ("repay", "refund", "return"),
    "pay off": ("repay", "settle", "clear"),
    "find out": ("discover", "learn"),
    "look into": ("investigate", "examine", "review"),
}
# Words skipped when looking for the head a negation applies to.
NEGATION_SKIP = frozenset(
    """a an the any be been being have has had do does did to is are was were will would can could should may might
    must ever yet even also currently directly specifically really always been able so very at all longer feel seem appear""".split()
)

# Words that put the verb after them in the future or in someone's intentions: "plans to close", "will close", "is expected to close".
FUTURE_FRAME = frozenset(
    "will shall plan plans planned planning intend intends intended intending aim aims aimed propose proposes proposed going expect expects expected hope hopes hoped".split()
)
# Words right before "to V" that leave V owed or offered, not done: "three months to pay", "agreed to sell", "has to pay".
# (After most other words "to V" is done or is a purpose: "came from behind to beat", "a contract to use".)
OWED_BEFORE_TO = frozenset("agreed promised pledged offered undertook due has have needs need days weeks months years deadline time".split())
# Verbs of ordering and asking, right before "to V" or with their object between: "ordered to pay", "ordered the landlord
# to repay" (not "forced", which says it was done).
ORDERING_VERBS = frozenset("ordered order orders told tells asked asks required requires obliged compelled instructed directed urged".split())
# Verbs that put forward an act without doing it, before "that" and the act ("proposed that the report be published") or
# its "-ing" form ("suggested closing the road"): the act is only proposed.
PROPOSING_VERBS = frozenset(
    """propose proposes proposed proposing suggest suggests suggested suggesting recommend recommends recommended
    recommending urge urges urged urging request requests requested demand demands demanded ask asks asked move moves moved
    advise advises advised""".split()
)
# Verbs whose "that"-clause is wanted, proposed or feared, not said to be so: "recommended that the scheme be refused",
# "hopes that the line will reopen" (lemmas; verbs of saying and finding are `language.assertions.SAY_VERBS`).
UNASSERTING_VERBS = frozenset(
    """propose suggest recommend urge request demand ask move advise hope wish want fear expect plan intend prefer require
    order insist pray doubt""".split()
)
# Words by which a proposal is taken up, so that what it proposes is decided: "the motion was carried".
ACCEPTING_WORDS = frozenset(
    """approve approves approved approving agree agrees agreed adopt adopts adopted carried accept accepts accepted passed
    endorse endorsed resolve resolved unanimously""".split()
)
# Verbs before "to V" that state a decision as made: "voted to publish" says the vote happened.
DECIDING_VERBS = frozenset("vote votes voted decide decides decided resolve resolves resolved choose chose opt opts opted".split())
# Modal words that leave the verb after them undone: "must pay", "should close" ("will" and "shall" are in FUTURE_FRAME).
# Verbs whose infinitive says what another is made, asked, allowed or offered to do, or what is sought ("ordered the council
# to pay", "offered to repay"): the infinitive's event is not said to have happened, and the verb is said in its own right.
DIRECTING_VERBS = frozenset(
    """order tell ask require oblige compel instruct direct urge force allow permit authorise authorize forbid ban invite advise
    encourage persuade offer threaten propose want seek""".split()
)
# Words marking a correction notice ("Correction:", "incorrectly said", "misstated"), and the verbs by which a notice repeats
# what was published before ("said", "reported", "attributed").
CORRECTION_WORDS = re.compile(
    r"\b(?:correct(?:ion|ions|ed)|clarifications?|errat(?:um|a)|wrongly|incorrectly|mistakenly|erroneously|misstated|misreported|in\s+error"
    r"|no\s+longer\s+(?:the\s+case|correct|accurate|true))\b",
    re.IGNORECASE,
)
REPEATING = "said|stated|reported|wrote|gave|described|claimed|attributed|misstated|misreported|misidentified"
REPEATING_VERBS = re.compile(rf"\b(?:{REPEATING})\b", re.IGNORECASE)
OBLIGATION_MODALS = frozenset("must should".split())
# Modal words that make a claim's own verb something other than a plain fact: "would not talk", "could close".
MODALS = frozenset("would could might may can must should shall will".split())
# The words a question that can be answered "yes" or "no" opens on: "Does it ...?", "Can I ...?", "Is there ...?".
YES_NO_OPENERS = frozenset("am is are was were do does did have has had can could may might must shall should will would".split())
# Answers that say "yes" to such a question.
AFFIRMATIONS = frozenset("yes yeah yep sure certainly absolutely".split())
# Words that bound a negation to a stretch of time: "did not visit last week" does not say "never visited".
TIME_BOUNDS = frozenset(
    """yet today yesterday tonight tomorrow day days week weeks weekend month months year years season seasons time times
    morning afternoon evening night since until till during recently lately again anymore""".split()
)
# Adverbs of time and distribution that can follow a figure without being what it counts: "compared with 45 now".
FIGURE_ADVERBS = frozenset(
    "now today then yesterday tomorrow tonight ago earlier later before after previously formerly currently overall apiece altogether respectively already since instead each".split()
)
# The two sides of a vote or poll: "11.7% voted against" and "88% supported" are shares of one whole, not one figure twice.
SIDE_FOR = frozenset("for favour favor support supports supported supporting backed backing approve approved approving yes".split())
SIDE_AGAINST = frozenset("against oppose opposes opposed opposing reject rejected rejecting".split())
# Words heading what was planned and what is now expected, in a project's or a budget's table ("Baseline | Forecast",
# "Budget | Actual"), or saying which of them a claim speaks of ("as originally planned").
PLAN_WORDS = frozenset("baseline plan planned original originally budget budgeted target initial initially scheduled previous".split())
CURRENT_WORDS = frozenset("forecast revised actual current latest outturn expected".split())
# Words saying how near a figure is, before it: "a little under 11 hours", "just over half", "roughly 300".
APPROXIMATORS = frozenset("little bit just well slightly far nearly almost roughly about around approximately some barely fully".split())
# A later act undoing a decision, plan or promise the same passage tells of: "reversed that decision", "dropped the plan",
# "reversed last year's decision to ...", "changed its mind", "a U-turn".
_REVERSING = r"\b(?:revers|overturn|rescind|revok|abandon|scrap|cancel|withdr[ae]w|dropp?|undo|undid)\w*"
REVERSING_WORD = re.compile(_REVERSING + r"|\bu-turn", re.IGNORECASE)
REVERSALS = re.compile(
    _REVERSING + r"\s+(?:(?:that|this|the|its|their|his|her|our)\s+)?"
    r"(?:[\w'’-]+\s+){0,2}?(?:decisions?|plans?|proposals?|move|policy|ruling|order|idea|scheme|ban|closure|promises?|pledges?|commitments?|requirements?|targets?|guarantees?)\b"
    r"|\bchanged\s+(?:its|their|his|her|our)\s+mind\b|\bu-turn",
    re.IGNORECASE,
)
# Words that make the figure after them a change ("rose 6%", "up 3%", "cut by half") rather than a level or a share.
CHANGE_WORDS = frozenset(
    "rise rises rose risen rising fall falls fell fallen falling grow grows grew grown growing increase increased increases "
    "decrease decreased decreases decline declined declines drop dropped drops climb climbed climbs jump jumped jumps slip "
    "slipped slips slide slid plunge plunged soar soared surge surged gain gained gains shrink shrank shrunk cut cuts".split()
)
# Verbs of change whose figure carries the assertion ("cut costs by 10%", "doubled to 40"): the figure rules weigh those,
# and writers swap the verbs freely ("rose", "climbed", "was up").
CHANGE_VERBS = CHANGE_WORDS | frozenset("sink lift raise reduce lower double halve triple".split())
# Verbs that say little on their own: what they say is in their arguments ("has 40 staff", "became chair", "conducted a
# survey", "received 24 complaints").
LIGHT_VERBS = frozenset(
    """be have do get make take give become go come let seem appear turn serve stand sit lie remain stay keep receive hold
    conduct carry perform undertake mean""".split()
)
# "by one count", "by most accounts", "by its own estimate": where a figure comes from, not what the claim says of its names.
SOURCING = re.compile(
    r"\bby\s+(?:one|some|many|most|all|several|other|our|their|its|his|her|(?:its|their|our|his|her)\s+own|official|independent|conservative|early|recent|latest)"
    r"\s+(counts?|estimates?|measures?|accounts?|reckonings?|tall(?:y|ies))\b",
    re.IGNORECASE,
)
# Nouns that say little on their own ("the first time", "a number of", "in some way"): general English.
LIGHT_NOUNS = frozenset(
    """time times way ways thing things part parts kind kinds sort type lot lots number amount deal end case fact one ones
    people person place side bit piece rest total share set series range group matter point reason result use order
    year years month months week weeks day days period moment version versions""".split()
)
# Prepositions that frame an assertion in time or against something else rather than say what it is about ("until its
# closure in 1927", "despite the promise"): general English.
FRAMING_PREPOSITIONS = frozenset("after before during until till since despite throughout amid following pending notwithstanding".split())
# Nouns naming a piece of work a document reports ("the study was paid for by ..."): its own text often leaves it unsaid.
WORK_NOUNS = frozenset("study studies report research survey project paper review trial analysis work programme program".split())
# Nouns naming a unit of an organisation by its field ("the cardiology department", "its sales division"): the field word
# is what a source says ("heads cardiology").
UNIT_NOUNS = frozenset("department departments division divisions unit units section sections branch branches faculty office".split())
REFLEXIVE_PRONOUNS = frozenset("myself yourself himself herself itself ourselves yourselves themselves oneself".split())
# Verbs of opinion: in the passive ("is considered the front-runner") the opinion is nobody's in particular, and what is
# said is in the complement; in the active ("is considering an order") they are the assertion.
OPINION_VERBS = frozenset("consider regard deem view see".split())
# Verbs of price and amount whose figure carries the assertion ("costs $200 a year" is "annual membership is $200").
AMOUNT_VERBS = frozenset("cost pay charge spend earn total number amount weigh measure price value".split())
# Verbs that say a figure was read off or kept ("recorded 10.2 kN", "counted 851 pupils"): a table's cell says them of its
# row, under the heading that names the figure.
READING_VERBS = frozenset("record register count show log list".split())
# Outcomes a table's result cell gives ("Pass", "Fail"): opposite there, where in prose "pass" is also to hand something on
# ("Pass `retry=True`") and "did not pass" is a failure.
OUTCOME_PAIRS = (("pass", "fail"), ("won", "lost"), ("carried", "lost"), ("approved", "refused"))
# Words before "up" or "down" that make it a change ("was up 3%", "went down 2%"), where after other verbs it is a
# particle ("ate up 69%", "made up 9%").
CHANGE_PARTICLE_AFTER = frozenset("is was are were be been being go goes went gone going move moved moves shot edged ticked came come".split())
# Words that frame a span of time without saying what it is a span of: "the past 30 years", "over the next five years".
SPAN_FRAMES = frozenset("past last next over within first recent previous coming following another".split())
# Nouns whose number names one thing rather than counting things: "batch 4417", "flight 302", "section 12", "No. 5",
# "count 4" of an indictment.
IDENTIFIER_NOUNS = frozenset(
    """batch batches lot lots serial flight flights route routes bus section sections chapter chapters page pages paragraph
    paragraphs clause clauses article articles item items exhibit room rooms gate gates platform platforms pier berth bay
    ward wards case cases bill docket ticket invoice reference ref code codes id no nos number numbers model models
    series lane track channel count counts motion motions amendment amendments resolution resolutions appendix annex table
    tables step steps phase phases stage stages""".split()
)
# The last word of a street address after its number: "14 Quay Street".
STREET_WORDS = frozenset("street st road rd lane avenue ave square place way drive close terrace row court crescent gardens".split())
# Prepositions that mark the role of the name after them: "founded by X" (who) is not "founded in X" (where).
PREPOSITIONS = frozenset("in on at by for from to with of into onto under over after before near as about against via within without".split())
# Words of quantity among the opposed pairs ("one thread per core" uses every core): they withhold support, never contradict.
QUANTITY_WORDS = frozenset("one every all each single multiple none some both".split())
# Pairs of words that assert opposite things about the same subject (stems are derived at load time).
# Opposed states and actions, common in true sentences ("keeps its input, whereas the other tool deletes it"): a passage
# using the opposite of a claim word about the same thing withholds support, and contradicts only on the claim's own
# assertion, in a clause about its subject (`stance.wording.OpposedStateRule`), and never on a quantity word.
OPPOSED_PAIRS = (
    ("keep", "delete"),
    ("keep", "remove"),
    ("keep", "discard"),
    ("retain", "delete"),
    ("retain", "remove"),
    ("preserve", "delete"),
    ("preserve", "remove"),
    ("preserve", "overwrite"),
    ("add", "remove"),
    ("enable", "disable"),
    ("enabled", "disabled"),
    ("required", "optional"),
    ("include", "omit"),
    ("show", "hide"),
    ("lock", "unlock"),
    ("encrypt", "decrypt"),
    ("always", "never"),
    ("faster", "slower"),
    ("larger", "smaller"),
    ("bigger", "smaller"),
    ("older", "newer"),
    ("earlier", "later"),
    ("single", "multiple"),
    ("one", "every"),
    ("one", "all"),
    ("synchronous", "asynchronous"),
    ("upgrade", "downgrade"),
    ("install", "uninstall"),
    ("mandatory", "voluntary"),
    ("permanent", "temporary"),
    ("minimum", "maximum"),
    ("inside", "outside"),
    ("local", "remote"),
    ("continue", "end"),
    ("continue", "stop"),
    ("keep", "sell"),
    ("retain", "sell"),
    # A figure said to have changed against one said to have stayed as it was ("raised its dividend" vs "an unchanged dividend").
    *(("unchanged", change) for change in "raise increase rise grow cut lower reduce fall drop decline double halve".split()),
)

# Words that end a company's name after its own word ("Brightway Markets", "Corliss Grocers, Inc.", "Velden Instruments
# N.V."): a writer calls it by the words before them ("Brightway"). Institutions are left out: "Kessby General Hospital" is not
# "Kessby", which is a town.
CORPORATE_DESIGNATORS = frozenset(
    """inc incorporated corp corporation co company ltd limited llc plc sa ag nv bv gmbh spa oy ab asa group holdings holding
    markets grocers stores ferries airlines airways motors instruments software sensors systems technologies labs laboratories
    industries enterprises foods brands pharmaceuticals networks""".split()
)
# Common nouns that end an institution's name ("Halden University", "Kessby General Hospital"): written inside another
# institution's name ("the University of Brackmere"), the word is that one's, not a short mention of this one.
INSTITUTION_NOUNS = frozenset(
    """university college school academy institute hospital clinic council authority agency department ministry office
    committee commission board trust foundation fund society association union federation league court museum library
    gallery church centre center bank service services partnership directorate bureau""".split()
)
# Words a sports club's name ends with that are not its own ("Fellside" of "Fellside United", "Dunmere" of "Dunmere
# Athletic"): a report names the club by the rest. Not "City", "Town" or "County", which end place names as often.
CLUB_DESIGNATORS = frozenset("fc afc cf sc united athletic rovers rangers wanderers harriers albion".split())

# Words with which a sentence asserts an effect or a difference: comparatives and verbs of change ("were less likely",
# "died at a higher rate", "makes nurses sharper", "reduces errors"). A finding of no effect on the same thing denies them.
EFFECT_WORDS = frozenset(
    """more less fewer higher lower greater smaller bigger larger better worse faster slower safer sharper longer shorter
    stronger weaker likelier earlier later improve improves improved reduce reduces reduced increase increases increased
    decrease decreases decreased raise raises raised lower lowers lowered cut cuts boost boosts boosted worsen worsens worsened
    cause causes caused affect affects affected prevent prevents prevented protect protects protected halve halved double
    doubled slow slows slowed""".split()
)

ANTONYM_PAIRS = (
    ("increase", "decrease"),
    ("increase", "reduce"),
    ("increase", "cut"),
    ("rise", "fall"),
    ("rise", "drop"),
    ("rise", "decline"),
    ("grow", "shrink"),
    ("double", "halve"),
    ("gain", "lose"),
    ("lead", "lag"),
    ("win", "lose"),
    ("score", "concede"),
    ("earn", "spend"),
    ("income", "expenditure"),
    ("preliminary", "final"),
    ("approve", "reject"),
    ("approve", "deny"),
    ("meet", "miss"),
    ("above", "below"),
    ("accept", "reject"),
    ("accept", "decline"),
    ("open", "close"),
    ("hire", "fire"),
    ("hire", "lay"),
    ("support", "oppose"),
    ("favor", "oppose"),
    ("allow", "ban"),
    ("allow", "forbid"),
    ("allow", "prohibit"),
    ("permit", "ban"),
    ("permit", "prohibit"),
    ("legal", "illegal"),
    ("lawful", "unlawful"),
    ("confirm", "deny"),
    ("admit", "deny"),
    ("buy", "sell"),
    ("bought", "sold"),
    ("import", "export"),
    ("before", "after"),
    ("higher", "lower"),
    ("more", "less"),
    ("more", "fewer"),
    ("largest", "smallest"),
    ("biggest", "smallest"),
    ("most", "least"),
    ("first", "last"),
    ("start", "end"),
    ("begin", "end"),
    ("join", "leave"),
    ("enter", "exit"),
    ("include", "exclude"),
    ("public", "private"),
    ("success", "failure"),
    ("succeed", "fail"),
    ("profit", "loss"),
    ("strengthen", "weaken"),
    ("expand", "shrink"),
    ("expand", "reduce"),
    ("raise", "lower"),
    ("up", "down"),
    ("acquit", "convict"),
    ("guilty", "innocent"),
    ("guilty", "acquit"),
    # "cleared of misconduct" against "found guilty of misconduct".
    ("guilty", "clear"),
    ("convict", "clear"),
    ("alive", "dead"),
    ("true", "false"),
    ("agree", "disagree"),
    ("resign", "appoint"),
    ("elect", "defeat"),
    ("victory", "defeat"),
    ("increase", "decline"),
    ("inflow", "outflow"),
    ("surplus", "deficit"),
    ("majority", "minority"),
    ("renew", "cancel"),
    ("renew", "end"),
    ("continue", "stop"),
    ("continue", "halt"),
    ("remain", "leave"),
    ("arrive", "depart"),
    ("north", "south"),
    ("east", "west"),
    ("ahead", "behind"),
    ("early", "late"),
    ("earlier", "later"),
    ("minimum", "maximum"),
    ("safe", "unsafe"),
    ("effective", "ineffective"),
    ("positive", "negative"),
    ("strong", "weak"),
    ("cheap", "expensive"),
    ("willing", "unwilling"),
    ("able", "unable"),
    ("likely", "unlikely"),
    ("aware", "unaware"),
    ("rarely", "often"),
    ("rarely", "regularly"),
    ("rarely", "frequently"),
    ("seldom", "often"),
    ("never", "always"),
    ("sometimes", "never"),
    ("understand", "misunderstand"),
    ("known", "unknown"),
    ("clear", "unclear"),
    ("certain", "uncertain"),
    ("lawful", "illegal"),
    ("accurate", "inaccurate"),
    ("complete", "incomplete"),
    ("possible", "impossible"),
    ("easy", "difficult"),
    ("easier", "harder"),
    ("friend", "enemy"),
    ("ally", "rival"),
    ("win", "defeat"),
    ("oldest", "youngest"),
    ("older", "younger"),
    ("elder", "younger"),
    ("eldest", "youngest"),
    ("richest", "poorest"),
    ("best", "worst"),
    ("better", "worse"),
    ("warm", "cool"),
    ("warmer", "cooler"),
    ("warmest", "coolest"),
    ("hot", "cold"),
    ("hotter", "colder"),
    ("wet", "dry"),
    ("wetter", "drier"),
    ("longer", "shorter"),
    ("wider", "narrower"),
    ("deeper", "shallower"),
    ("heavier", "lighter"),
    ("upstream", "downstream"),
    ("full", "empty"),
    ("indoor", "outdoor"),
    ("internal", "external"),
    ("temporary", "permanent"),
    ("voluntary", "compulsory"),
    ("voluntary", "mandatory"),
    ("optional", "compulsory"),
    ("optional", "mandatory"),
    ("urban", "rural"),
    ("inbound", "outbound"),
)

# Words a writer may swap for one another without changing the assertion.
PARAPHRASES = (
    {"respond", "answer", "reply"},
    {"exclude", "omit"},
    {"remember", "recall", "recollect", "recollection"},
    {"duplicate", "copy"},
    {"shut", "close"},
    {"succeed", "replace"},
    {"draw", "attract", "gather", "garner"},
    {"run", "host", "operate", "manage"},
    {"write", "wrote", "issue", "publish", "release", "send", "sent"},
    {"buy", "bought", "purchase", "acquire"},
    {"say", "said", "told", "declare", "assert", "argue"},
    {"pitch", "offer", "sell", "sold", "promote", "propose"},
    {"award", "grant", "gave", "give", "won", "win", "secure", "receive", "get", "got"},
    {"build", "built", "develop", "create", "design", "make", "made"},
    {"use", "utilize", "utilise", "employ", "rely", "deploy"},
    {"provide", "supply", "offer", "sell", "deliver"},
    {"protest", "demonstrate", "rally"},
    {"employee", "worker", "staff", "staffer"},
    {"company", "firm", "business", "corporation"},
    {"pay", "paid", "spend", "spent", "cost", "pour", "invest"},
    {"renew", "extend", "prolong"},
    {"show", "reveal", "indicate", "demonstrate", "find", "found"},
    {"start", "begin", "began", "launch", "open"},
    {"end", "finish", "conclude", "complete", "close"},
    {"rise", "climb", "increase", "grow", "grew", "jump", "soar", "surge", "gain", "raise", "lift"},
    {"fall", "fell", "drop", "decline", "decrease", "slip", "plunge", "sank", "sink"},
    {"big", "large", "major", "biggest", "largest"},
    {"tall", "high", "tallest", "highest"},
    {"disrupt", "interrupt", "heckle"},
    {"sign", "endorse"},
    {"deport", "remove", "expel"},
    {"agency", "department", "office", "bureau", "administration"},
    {"lead", "head"},
    {"doctor", "physician"},
    {"die", "death", "mortality"},
    {"earn", "salary", "wage", "paid", "pay"},
    {"illegal", "undocumented", "unauthorized"},
    {"hire", "recruit", "employ"},
    {"lawmaker", "legislator", "congressman", "senator"},
    {"approve", "adopt"},
    {"resign", "quit", "leave"},
    {"oppose", "resist", "reject"},
    {"identify", "recognize", "recognise", "detect"},
    {"surveil", "surveillance", "monitor", "track", "watch"},
    {"contract", "deal", "agreement"},
    {"expect", "estimate", "forecast", "anticipate", "predict"},
    {"reckon", "estimate", "calculate"},
    {"home", "residence"},
    {"motion", "proposal"},
    {"grant", "approve"},
    {"demand", "urge", "ask"},
    {"need", "require"},
    {"update", "upgrade"},
    {"main", "primary", "principal", "chief"},
    {"mostly", "mainly", "largely", "primarily", "chiefly"},
    {"account", "represent", "constitute", "hold"},
    {"consider", "regard", "deem", "view"},
    {"roughly", "approximately", "around", "nearly", "almost"},
    {"headquarters", "headquartered", "based", "base"},
    {"maker", "manufacturer", "producer"},
    {"customer", "client"},
    {"shop", "store"},
    {"revenue", "sales"},
    {"profit", "earnings"},
    {"shareholder", "investor", "stockholder"},
    {"job", "post", "position", "role"},
    {"task", "job", "assignment"},
    {"arrive", "reach"},
    {"chair", "chairman", "chairwoman", "chairperson"},
    {"help", "assist", "aid"},
    {"try", "attempt", "seek"},
    {"choose", "select", "pick"},
    {"stop", "halt", "cease", "suspend"},
    {"fix", "repair", "resolve"},
    {"allow", "permit", "let"},
    {"quick", "fast", "rapid", "quickly", "rapidly"},
    {"plan", "intend", "aim"},
    {"talk", "discuss", "negotiate"},
    {"move", "relocate", "transfer", "migrate", "shift"},
    {"delay", "postpone", "defer"},
    {"cancel", "scrap", "abandon"},
    {"end", "cease", "terminate", "discontinue"},
    {"cancel", "cease", "terminate"},
    {"warn", "caution", "alert"},
    {"law", "legislation", "statute"},
    {"fee", "charge"},
    {"merge", "combine"},
    {"site", "location"},
    {"own", "possess"},
    {"frontrunner", "runner", "favourite", "favorite", "contender"},
    {"trigger", "spark", "prompt", "provoke"},
    {"cover", "include", "span"},
    {"conduct", "carry", "perform"},
    {"describe", "characterize", "characterise", "portray", "call"},
    {"cite", "point", "refer", "mention"},
    {"compete", "vie", "contend"},
    {"donate", "gift", "give", "gave"},
    {"pass", "hand"},
    {"delay", "postpone", "defer", "push"},
    {"check", "verify", "validate"},
    {"reveal", "disclose", "divulge"},
    {"communicate", "talk", "speak"},
    {"injure", "injury", "hurt", "wound"},
    {"collect", "gather", "garner"},
    {"work", "collaborate", "collaboration", "cooperate", "partner"},
    {"switch", "move", "change", "replace"},
    {"approve", "pass", "adopt"},
    {"resign", "quit", "step"},
    {"dismiss", "sack", "oust"},
    {"operation", "surgery"},
    {"tie", "link", "connection", "relationship"},
    {"build", "construct", "erect"},
    {"lend", "borrow", "loan"},
    {"last", "run", "continue"},
    {"monitor", "follow", "track", "observe"},
    {"fund", "funding", "finance", "pay", "sponsor"},
    {"indicate", "suggest", "signal", "point"},
    {"worry", "fear", "concern"},
    {"trip", "journey"},
    {"extra", "further", "additional"},
    {"prison", "imprisonment", "jail", "custody"},
    {"wait", "delay"},
    {"standard", "requirement"},
    {"money", "funds", "cash"},
    {"path", "footpath", "trail"},
    {"abandon", "drop"},
    {"channel", "divert", "funnel", "siphon"},
    {"stay", "remain", "linger"},
    {"trim", "reduce", "cut", "shrink"},
    {"drop", "remove"},
    {"spot", "detect", "notice", "discover"},
    {"apologise", "apologize", "apology", "sorry"},
    {"withdraw", "withdrew", "withdrawn", "rescind", "retract"},
    {"urge", "recommend", "advise"},
    {"affect", "hit"},
    {"ask", "request"},
    {"stop", "drop", "discontinue"},
    {"ask", "query", "enquire", "inquire"},
    {"record", "log"},
    {"enrol", "enroll", "recruit"},
)

# A verb and the noun made from it, where the stemmer does not join them ("decided" / "the decision"): a passage saying
# the noun says the verb.
DERIVATIONS = (
    {"decide", "decision"},
    {"fail", "failure"},
    {"sell", "sale"},
    {"grow", "growth"},
    {"lose", "loss"},
    {"choose", "choice"},
    {"deliver", "delivery"},
    {"apply", "application"},
    {"compete", "competition"},
    {"acquire", "acquisition"},
    {"agree", "agreement"},
    {"pay", "payment"},
    {"expand", "expansion"},
    {"close", "closure"},
    {"depart", "departure"},
    {"reduce", "reduction"},
    {"conclude", "conclusion"},
    {"discover", "discovery"},
    {"marry", "marriage"},
    {"born", "birth"},
    {"sue", "lawsuit"},
    {"speak", "speech"},
    {"own", "owner"},
    {"lead", "leader"},
    {"treat", "treatment"},
    {"bankrupt", "bankruptcy"},
    {"merge", "merger"},
    {"suspend", "suspension"},
    {"extend", "extension"},
    {"recover", "recovery"},
    {"describe", "description"},
    {"destroy", "destruction"},
    {"explode", "explosion"},
    {"collide", "collision"},
    {"demolish", "demolition"},
)

# Units of measure, each written form → one name per unit: a figure in kilometres is not one in miles, and one in
# litres not one in cubic metres. Only unit words after a figure are read this way ("12 km", "40 million litres").
UNITS = {
    form: unit
    for unit, forms in {
        "km": "km kms kilometre kilometres kilometer kilometers",
        "mile": "mile miles mi",
        "m": "m metre metres meter meters",
        "cm": "cm centimetre centimetres centimeter centimeters",
        "mm": "mm millimetre millimetres millimeter millimeters",
        "ft": "ft foot feet",
        "yard": "yard yards yd yds",
        "kg": "kg kgs kilogram kilograms kilo kilos",
        "g": "g gram grams",
        "tonne": "tonne tonnes ton tons t",
        "l": "l litre litres liter liters",
        "ml": "ml millilitre millilitres milliliter milliliters",
        "megalitre": "megalitre megalitres megaliter megaliters",
        "gallon": "gallon gallons gal",
        "hectare": "hectare hectares ha",
        "acre": "acre acres",
        "kwh": "kwh",
        "mwh": "mwh",
        "gwh": "gwh",
        "kw": "kw kilowatt kilowatts",
        "mw": "mw megawatt megawatts",
        "gw": "gw gigawatt gigawatts",
    }.items()
    for form in forms.split()
}
# Metric units one is written in another of, with the quantity each measures and its size in that quantity's base unit:
# "115 mm" is "11.5 cm", "2.5 km" is "2,500 metres". (Miles, feet and gallons are left alone: a converted figure is rounded
# in ways a writer would not call the same figure.)
METRIC_UNITS = {
    "mm": ("length", 0.001),
    "cm": ("length", 0.01),
    "m": ("length", 1.0),
    "km": ("length", 1000.0),
    "g": ("mass", 0.001),
    "kg": ("mass", 1.0),
    "tonne": ("mass", 1000.0),
    "ml": ("volume", 0.001),
    "l": ("volume", 1.0),
    "megalitre": ("volume", 1e6),
    "kw": ("power", 1e3),
    "mw": ("power", 1e6),
    "gw": ("power", 1e9),
    "kwh": ("energy", 1e3),
    "mwh": ("energy", 1e6),
    "gwh": ("energy", 1e9),
}
# Spans of the calendar one is written in another of: "24 months" is two years. (Hours, days and weeks are left alone:
# measured, a sentence giving several spans, "15 hours across three days", then had its figures set against each other.)
TIME_UNITS = {
    form: size
    for size, forms in {
        ("calendar", 1.0): "month months",
        ("calendar", 12.0): "year years",
        ("calendar", 120.0): "decade decades",
        ("calendar", 1200.0): "century centuries",
    }.items()
    for form in forms.split()
}

# Steps of a process, each later step with the earlier ones that lead to it but do not make it: someone charged is not
# yet convicted, a bid is not a win, a bill introduced is not passed. A passage that gives an earlier step and not the
# later one bears out no claim of the later one.
PROCESS_STAGES = {
    "convict": "charge arrest accuse indict prosecute try",
    "win": "shortlist bid nominate compete enter apply",
    "award": "shortlist bid nominate apply",
    "approve": "submit propose apply review table",
    "pass": "introduce table propose debate draft",
    "elect": "nominate stand campaign",
    "appoint": "shortlist interview nominate",
    "complete": "start begin launch",
    "cure": "treat ease relieve",
    "acquire": "bid approach",
    "find": "search seek hunt",
    # A final report or count against an interim one: "the final report found 41" is not borne out by an interim update's 41.
    "final": "interim preliminary provisional",
}

# Places and the adjectives that name them: "Norwegian adults" are adults in Norway, "the French government" France's. A
# place is named where its adjective stands before a noun ("2,000 Norwegian adults"), not where it names a language
# ("written in Norwegian").
DEMONYMS = {
    "Afghanistan": "Afghan",
    "Albania": "Albanian",
    "Algeria": "Algerian",
    "America": "American",
    "Argentina": "Argentine Argentinian",
    "Australia": "Australian",
    "Austria": "Austrian",
    "Bangladesh": "Bangladeshi",
    "Belgium": "Belgian",
    "Brazil": "Brazilian",
    "Britain": "British",
    "Bulgaria": "Bulgarian",
    "Canada": "Canadian",
    "Chile": "Chilean",
    "China": "Chinese",
    "Colombia": "Colombian",
    "Croatia": "Croatian",
    "Cuba": "Cuban",
    "Denmark": "Danish",
    "Egypt": "Egyptian",
    "England": "English",
    "Estonia": "Estonian",
    "Ethiopia": "Ethiopian",
    "Europe": "European",
    "Finland": "Finnish",
    "France": "French",
    "Germany": "German",
    "Ghana": "Ghanaian",
    "Greece": "Greek",
    "Hungary": "Hungarian",
    "Iceland": "Icelandic",
    "India": "Indian",
    "Indonesia": "Indonesian",
    "Iran": "Iranian",
    "Iraq": "Iraqi",
    "Ireland": "Irish",
    "Israel": "Israeli",
    "Italy": "Italian",
    "Japan": "Japanese",
    "Kenya": "Kenyan",
    "Korea": "Korean",
    "Latvia": "Latvian",
    "Lithuania": "Lithuanian",
    "Mexico": "Mexican",
    "Morocco": "Moroccan",
    "Netherlands": "Dutch",
    "Nigeria": "Nigerian",
    "Norway": "Norwegian",
    "Pakistan": "Pakistani",
    "Peru": "Peruvian",
    "Philippines": "Filipino Philippine",
    "Poland": "Polish",
    "Portugal": "Portuguese",
    "Romania": "Romanian",
    "Russia": "Russian",
    "Scotland": "Scottish Scots",
    "Serbia": "Serbian",
    "Slovakia": "Slovak Slovakian",
    "Slovenia": "Slovenian Slovene",
    "Spain": "Spanish",
    "Sweden": "Swedish",
    "Switzerland": "Swiss",
    "Syria": "Syrian",
    "Thailand": "Thai",
    "Turkey": "Turkish",
    "Ukraine": "Ukrainian",
    "Venezuela": "Venezuelan",
    "Vietnam": "Vietnamese",
    "Wales": "Welsh",
}
