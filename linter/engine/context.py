"""Why a textual match may not be a claim: negation, reported speech, research and questions.

Honest pages and regulators' pages are full of trigger words in sentences that deny, warn or
report ("Stem cells are not FDA approved", "The FDA warns that some clinics claim ..."), and papers
and news describe what studies found ("In a pilot study, MSC injection reduced knee pain"). These
checks look at the words around a match, bounded by the clause it sits in, so a denial in one
clause does not excuse a claim in the next ("It is not surgery, and it cures arthritis"). A
sentence that speaks to the reader as a seller does ("our", "you", "we offer") is never excused as
research: clinics cite studies to sell.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import regex

from ..cache import LazyPattern

NEGATION_WINDOW_WORDS = 8

_CLAUSE_BOUNDARY = LazyPattern(
    r"[;:()\[\]]|,|\s-\s|\b(?:but|however|although|though|whereas|yet(?!\s+to\b)|unlike|instead)\b", regex.IGNORECASE
)
_NEGATOR = LazyPattern(
    r"""\b(?:not|never|cannot|can't|won't|don't|doesn't|didn't|isn't|aren't|wasn't|weren't|hasn't
    |haven't|hadn't|shouldn't|wouldn't|couldn't|mustn't|neither|nor|nobody|none|nothing|unproven
    |unapproved|avoid|lacks?|lacking
    |(?:before|until|unless|if)\s+(?:\w+\s+){0,3}?(?:been|be|is|are|was|were)
    |(?:yet|still)\s+to\s+(?:be|receive|get|gain|win|earn)
    |(?:study|studies|studying|studied|test|tests|testing|tested|know|knows|known|unclear|uncertain|unknown
        |determine|determining|decide|deciding|see|investigate\w*|ask|asks|asking|evaluat\w*|examin\w*
        |explor\w*|research\w*|assess\w*|question\w*|doubt\w*|wonder\w*|sure|clear|learn)\s+(?:\w+\s+){0,2}?whether
    |no\s+(?:[\w'-]+\s+){0,2}?(?:one|clinic|clinics|doctor|provider|product|products|treatment|treatments|therapy
        |therapies|procedure|procedures|injection|injections|medicine|medical|stem|cell|evidence|proof|guarantee|guarantees|data|studies|study|research
        |supplements?|pills?|drugs?|vitamins?|creams?|serums?
        |reliable|scientific|good|way|longer|such|approved|legitimate|credible|promises?)
    |without\s+(?:any\s+)?(?:evidence|proof|approval|data|studies)
    |no\s+(?:(?:large|good|high[\s-]quality|quality|randomi[sz]ed|controlled|clinical|published|reliable|solid|strong
        |peer[\s-]reviewed|human|convincing|scientific|credible|adequate|well[\s-]designed|long[\s-]term)[\s,]+){1,3}
        (?:trials?|studies|study|evidence|proof|data|research))\b""",
    regex.IGNORECASE | regex.VERBOSE,
)
# Reported and described speech are only asked whether they occur, so the branches that start a word share one
# leading \b: `regex` then tries them only where a word starts, not at every character (a third faster, about
# 4 % of a claim-dense run; benchmarks/floor.py).
_REPORTED = LazyPattern(
    r"""\b(?:(?:fda|ftc|the\s+agency|regulators?|federal\s+\w+|health\s+authorities)\b(?:\W+\w+){0,4}?\W+
        (?:warns?|warned|cautions?|cautioned|advises?|advised|says?|said|notes?|noted|reports?|reported|stresse[sd]
        |stress|emphasi[sz]e[sd]|has\s+(?:warned|said|found|received)|is\s+(?:aware|concerned)|alerts?|urges?)\b
    |(?:some|many|other|certain|unscrupulous|rogue|these|such|unlicensed|unproven)\s+(?:\w+\s+){0,2}?
        (?:clinics?|providers?|companies|websites?|marketers?|sellers?|businesses|ads|advertisements
        |people|practitioners|centers|professionals|physicians|doctors|surgeons|vendors|manufacturers|firms
        |proponents|advocates|promoters)\s+(?:\w+\s+)?(?:claim|claims|claimed|say|says|said|promise
        |promises|promised|advertise|advertises|advertised|market|markets|marketed|tout|touts|touted
        |suggest|suggests|offer|offers|sell|sells|allege|alleges|alleged|assert|asserts|asserted|insist|insists
        |boast|boasts)\b
    |(?:fda|ftc|the\s+agency|regulators?|attorneys?\s+general|(?:state|federal)\s+\w+)\b(?:\W+\w+){0,4}?\W+
        (?:sued|sues|charged|charges|alleged|alleges|accused|cited|cites|fined|ordered|stopped|considers
        |regards|found|finds|took\s+action|sent\s+(?:a\s+)?warning|issued\s+(?:a\s+)?warning)\b
    |(?:clinics?|companies|company|providers?|websites?|marketers?|sellers?|businesses|centers?|practitioners?
        |doctors?|defendants?)\s+(?:that|which|who)\s+(?:had\s+)?(?:falsely\s+|allegedly\s+)?(?:claimed|advertised
        |promised|marketed|touted|falsely)\b
    |beware\b|be\s+(?:wary|cautious|skeptical|careful)\b|claims?\s+(?:that|like|such\s+as)\b
    |(?:keep|kept|keeps)\s+(?:hearing|reading)\s+about\b
    |(?:hear|hearing|heard|read|reading)\s+(?:\w+\s+){0,2}?about\s+(?:\w+\s+){0,3}?(?:claims?|promises?|clinics|ads|advertisements)\b
    |(?:watch\s+out|red\s+flags?|warning\s+signs?|be\s+suspicious)\b
    |if\s+(?:a|an|the|any|your)\s+(?:\w+\s+){0,2}?(?:clinic|provider|doctor|website|ad|seller|company)\b
    |according\s+to\s+(?:some|many|proponents|promoters|advocates|the\s+(?:complaints?|lawsuit|suit|indictment|letter|agency
        |fda|ftc|government|prosecutors|company|companies|clinics?|defendants?|ads?|advertising|marketing|website))\b
    |according\s+to\s+(?:(?-i:[A-Z])[\w'\u2019&.-]*\s+){1,6}?(?:Center|Centre|Clinic|Institute|Inc|LLC|Corp|Corporation|Company
        |Labs?|Laboratories)\b
    |the\s+(?:warning\s+)?(?:letter|complaints?|lawsuit|suit|indictment|order|petition)\s+(?:\w+\s+){0,2}?(?:described
        |describes|alleges|alleged|states|stated|charges|charged|accuses
        |accused)\b
    |(?:fda|ftc|agency)(?:['\u2019]s)?\s+(?:inspections?|inspectors?|investigators?|investigations?)\b(?:\W+\w+){0,8}?\W+
        (?:revealed|reveals|found|finds|documented|observed|identified|uncovered|showed|cited)\b
    |(?:fda|the\s+agency)\s+(?:inspected|investigated)\b|failed\s+to\s+(?:be\s+)?register\w*|considered\s+illegal\b
    )
    |(?<![\w,;:'"-]\s{0,3})some\s+(?:even\s+)?(?:promise|claim|tout|advertise|guarantee)\b""",
    regex.IGNORECASE | regex.VERBOSE,
)
_NEGATED_AFTER = LazyPattern(
    r"""\W*(?:\w+\W+){0,2}?(?:(?:is|are|was|were|has|have|had|has\s+been|have\s+been)(?:\s+not|\s+never|n't)
    |(?:is|are|remains?)\s+(?:still\s+)?(?:unproven|investigational|experimental|unapproved|ongoing|under\s+study
        |being\s+studied|in\s+(?:its\s+)?early\s+stages))\b""",
    regex.IGNORECASE | regex.VERBOSE,
)
# Someone else's marketing, described: to its seller by a regulator ("your firm markets ...", "your
# website states ..."), or by a third party ("they represented that ...", "clinics that offer ...",
# "patients say they were told ..."); the second only where the sentence does not speak for "us".
_DESCRIBED_TO_SELLER = LazyPattern(
    r"""\b(?:you|your\s+(?:firm|company|business|clinic))\s+(?:\w+\s+){0,2}?(?:market|markets|marketed|promote|promotes
        |promoted|advertise|advertises|advertised|represent|represents|represented|claim|claims|claimed|distribute
        |distributes|distributed)\b
    |\byour\s+(?:website|websites|products?|firm|company|social\s+media|labeling|brochures?|materials?)\s+
        (?:\w+\s+){0,2}?(?:states?|stated|claims?|claimed|describes?|described|represents?|are\s+intended|is\s+intended)\b""",
    regex.IGNORECASE | regex.VERBOSE,
)
_DESCRIBED_BY_OTHERS = LazyPattern(  # (branches that start a word under one \b, as in _REPORTED)
    r"""\b(?:(?:represented|alleged|asserted|touted|promised|advertised)\s+(?:\w+\s+){0,2}?(?:that|to\s+patients|to\s+consumers)\b
    |(?:they|he|she)\s+(?:\w+\s+)?(?:claim|claims|allege|alleges|alleged|asserted|represented|promised
        |advertised|touted)\b|(?:it|they|he|she)\s+(?:also\s+)?(?:said|stated)\b
    |(?:has|have|had)\s+been\s+(?:reported|said
        |alleged)\s+to\b
    |(?:markets?|marketed|promotes?|promoted|advertises?|advertised|sells?|sold|distributes?|distributed)\s+
        (?:these|those|its|their|such)\s+(?:[\w-]+\s+){0,2}?products?\s+(?:as|to|for)\b
    |(?:clinics|companies|providers|websites|sites|businesses|centers|practitioners|doctors)\s+(?:that|which|who)\s+
        (?:offer|promise|advertise|market|tout|sell|claim|inject)\b
    |(?:patients?|customers?|consumers?|plaintiffs?|families|people)\s+(?:\w+\s+){0,2}?(?:claim|claims|say|says
        |said|allege|alleges|alleged|were\s+told|was\s+told|believed|hoped)\b
    |(?:is|are|was|were|been|being|get|gets|got)\s+(?:\w+\s+)?(?:told|promised|pitched)\b
    |(?:they|he|she)\s+(?:\w+\s+)?(?:said|told\s+(?:me|us|him|her|them))\s+that\b
    |the\s+(?:idea|theory|premise|hypothesis|hope|pitch|sales\s+pitch)\s+(?:is|was)\s+that\b
    |(?:about|on|of|with|over|for)\s+the\s+(?:idea|notion|prospect|hype)\s+(?:of|that)\b
    |in\s+(?:the\s+)?hopes?\s+(?:of|that)\b|(?:is|are|was|were)\s+(?:\w+\s+)?hoping\s+(?:for|to|that)\b
    |claimed\b|claims\s+of\b|marketing\s+claims?\b  # ("claimed" anywhere, so no frame above names it)
    |(?:patients?|people|individuals|those)\s+who\s+(?:inquire|enquire|ask|asks|are\s+curious|wonder)\s+about\b
    |(?:fraudulently|falsely|deceptively|misleadingly|illegally)\s+(?:\w+\s+)?(?:advertis\w*|market\w*|promot\w*
        |claim\w*|tout\w*|sell\w*|offer\w*|represent\w*)
    |(?:market|markets|marketed|marketing|promote|promotes|promoted|promoting|advertise|advertises|advertised|advertising
        |sell|sells|sold|selling|tout|touts|touted|touting|describe|describes|described|describing)\s+(?:[\w'\u2019()-]+\W+){0,10}?as\s
    |(?:products?|supplements?|treatments?|therapy|therapies|company|companies|sellers?|ads?|advertisements?|clinics?
        |websites?)\s+(?:that\s+)?(?:claiming|purporting|claim|claims|purport|purports)\b
    |which\s+claims?\b|that\s+claims?\s+to\b|(?:ads?|advertisements?|adverts?)\s+(?:for|from)\b
    |(?:clinics?|doctors?|physicians?|providers?|practitioners?|surgeons?|naturopaths?|chiropractors?|companies|firms
        |businesses|centers|sellers|marketers)\s+(?:\w+\s+){0,4}?(?:are|were|have\s+been|had\s+been)?\s*(?:offering|charging
        |selling|marketing|promoting|advertising|injecting|targeting|touting)\b
    |(?:surgeons|naturopaths|chiropractors|practitioners|physicians|doctors|clinics|providers)(?:\s*,\s*[\w\s]{1,30}?)?\s+(?:and|or)\s+others\s+
        (?:inject|offer|sell|market|promote|advertise|tout|use)\b
    )
    |,\s*(?:saying|claiming|stating|promising|touting|asserting)\b""",
    regex.IGNORECASE | regex.VERBOSE,
)
# A short aside in brackets: an abbreviation or a gloss ("mesenchymal stem cells (MSCs)"). It neither
# ends the clause around it nor lends it its words ("Stem cells (not FDA approved) cure ...").
_ASIDE = LazyPattern(r"\([^()]{0,80}\)|\[[^\[\]]{0,80}\]")
_CONTRAST = LazyPattern(r";|\b(?:but|however|yet(?!\s+to\b)|whereas|although|though)\b", regex.IGNORECASE)
_FIRST_PERSON = LazyPattern(r"\b(?:we|our|ours|(?-i:us|Us))\b", regex.IGNORECASE)
# A sentence that reports research: how a study was done or what it found, in the words papers,
# trial registries and science news use (not the "studies show" of a sales page).
_RESEARCH = LazyPattern(
    r"""\b(?:meta[\s-]analys[ie]s|systematic\s+reviews?|randomi[sz]ed|placebo|cohorts?|case\s+series|in\s+vivo
        |in\s+vitro|animal\s+models?|mice|rats|inclusion\s+criteria|follow[\s-]up|pooled|phase\s+(?:i{1,3}|[123])\b
        |pilot\s+(?:study|trial)|preclinical|pre-clinical|participants|enrolled|investigational|experimental
        |being\s+(?:studied|investigated|tested|evaluated)|under\s+(?:investigation|study)|(?:researchers|scientists)\s+(?:\w+\s+)?(?:found
        |report|reported|caution|say|said|are|were|have|hope|studied|tested)|(?:the|this|a|one|that|their|each)\s+
        (?:\w+\s+){0,2}?(?:study|trial|review|analysis|paper)\s+(?:\w+\s+)?(?:found|finds|showed|shows|reported|reports
        |evaluated|assessed|investigated|examined|looked\s+at|followed|was\s+designed|is\s+testing|tested|enrolled|compared|concluded
        |discovered|discovers|revealed|reveals|demonstrated|demonstrates)
        |(?:studies|trials)\s+(?:looking\s+at|examining|investigating|exploring|evaluating|assessing|testing)
        |(?:were|was)\s+(?:reported|observed|noted|documented|recorded|enrolled|assessed|evaluated|measured)
        |(?:the\s+)?(?:included|published|previous|existing|available)\s+(?:studies|literature|trials|evidence)|rcts?
        |(?:aims?|aimed|sought|designed)\s+to\s+(?:investigate|evaluate|assess|determine|examine|compare|study)
        |to\s+investigate|test\s+subjects|(?:literature|data)\s+(?:suggests?|shows?|indicates?)
        |respondents|surveyed|survey\s+(?:of|found|shows?|showed)
        |mechanisms?\s+underlying|underlying\s+mechanisms?|(?:proliferation|differentiation)\s+of\b
        |(?:current|ongoing)\s+research|research\s+(?:is|are)\s+(?:focus\w*|look\w*|explor\w*)
        |(?:explor\w*|investigat\w*|studying)\s+(?:the\s+)?(?:potential|possible)\s+(?:applications?|uses?|roles?)\b
        |(?:has|have)\s+been\s+(?:studied|investigated|explored|tested|evaluated|examined)\s+(?:for|in|as)\b
        |(?:widely|well|now|increasingly|generally)\s+(?:recogni[sz]ed|known|regarded|accepted)\s+(?:to|for|as)\b
        |attracted\s+(?:\w+\s+){0,2}?(?:attention|interest)
        |(?:has|have)\s+emerged\s+as\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:cell\s+types?|candidates?|cell\s+sources?)\b
        |(?:used|investigated|considered|proposed|studied|explored|tested)\s+as\s+(?:an?\s+)?(?:emerging|novel|experimental
            |investigational)\s+(?:new\s+)?(?:option|approach|strategy|candidate|tool|alternative|therapy)
        |(?:we|the\s+authors?)\s+(?:also\s+|then\s+|further\s+|briefly\s+)?(?:discuss|summari[sz]e|review|outline|highlight)\b
        |\b(?:this|the\s+present|the\s+current)\s+(?:review|paper)\b|\bherein\b|\bfocus\s+will\s+be\s+(?:placed\s+)?on\b
        |womac|koos|\bvas\b|p\s*[<=]\s*0|95\s*%\s*ci|\(n\s*=)""",
    regex.IGNORECASE | regex.VERBOSE,
)
# The seller's voice: a sentence addressed to the reader or spoken for the clinic.
_SELLER_VOICE = LazyPattern(
    r"""\b(?:our|ours|you|your|yours|(?-i:us|Us))\b|\bwe\s+(?:\w+\s+)?(?:offer|provide|treat|use|specialize|administer|perform
        |can|will|help|have\s+helped|see|recommend|deliver|combine)\b|\G\W*(?:call|book|contact|schedule|learn|discover
        |ask|find\s+out|get|start|try|imagine)\b""",
    regex.IGNORECASE | regex.VERBOSE,
)
_WORD = LazyPattern(r"\S+")
# What only a paper's own text carries: citations and identifiers, statistics, its authors saying what
# they did ("we investigated", "this review summarises"). Numbered notes ("[2]") are left out: news and
# law-firm summaries use them too.
_SCHOLARLY = LazyPattern(
    r"""\bet\s+al\b|\bdoi\s*:|\b10\.\d{4,}/|\bPMID\b|\bp\s*[<=>\u2264]\s*0?\.\d|\b\d+\s*%\s*(?:CI|confidence\s+intervals?)\b
    |\(\s*n\s*=\s*\d+|\bn\s*=\s*\d+\s*[,;)]
    |\b(?:we|this\s+(?:study|review|paper|article|trial)|the\s+(?:present|current)\s+(?:study|review|work)
        |in\s+this\s+(?:study|review|paper|article))\s+(?:\w+\s+)?(?:investigated|evaluated|assessed|examined|aimed|sought
        |reviewed|summari[sz]ed|discussed|propose|hypothesi[sz]ed|performed|conducted|analy[sz]ed|enrolled|recruited
        |randomi[sz]ed)\b""",
    regex.IGNORECASE | regex.VERBOSE,
)
# An abstract's own headings, where a sentence starts ("Methods: ...", "Conclusion.").
_ABSTRACT_HEADING = LazyPattern(
    r"""\W*(?:abstract|background|objectives?|aims?|methods?|materials\s+and\s+methods|results?|conclusions?|purpose
    |keywords|study\s+design)\s*[:.]""",
    regex.IGNORECASE | regex.VERBOSE,
)
# An entry of a reference list: a line that starts with its authors ("Mora VM, Ibán RMA, ...", "Smith, J.
# A., ...") and has a citation's details (`_CITATION_DETAILS`).
_REFERENCE_ENTRY = LazyPattern(
    r"""\W*(?:\d+\.\s+)?(?:\p{Lu}[\w'\u2019-]+(?:\s\p{Lu}[\w'\u2019-]+)*\s\p{Lu}{1,3},
    |\p{Lu}[\w'\u2019-]+,\s(?:\p{Lu}\.\s?){1,3})""",
    regex.VERBOSE,
)
_CITATION_DETAILS = LazyPattern(
    r"\bet\s+al\b|\b(?:19|20)\d\d\s*[;:(]\s*\d|\((?:19|20)\d\d[a-z]?\)|\bdoi\b|\bPMID\b|\b10\.\d{4,}/", regex.IGNORECASE
)
MAX_REFERENCE_ENTRY = 1000  # characters: an entry of a reference list is one short line
RESEARCH_DOCUMENT_SENTENCES = 6  # a shorter text is a snippet: an ad may cite "Smith et al." too
_PRICE = LazyPattern(r"[$\u20ac\u00a3]\s?\d")  # a price: a page that quotes one sells something
# A frame that denies or doubts the whole clause that follows it: "No study has shown that ...",
# "There is no evidence that ...", "It is unclear whether ...".
_NEGATED_FRAME = LazyPattern(
    r"""\b(?:no|not\s+any|little|insufficient)\s+(?:[\w-]+\s+){0,3}?(?:evidence|proof|studies|study|trials?|data
        |research|science)\s+(?:has\s+|have\s+|yet\s+|so\s+far\s+)*(?:shown|shows?|proven|proves?|demonstrated|demonstrates?
        |found|finds|established|supports?|suggests?|that|to\s+(?:show|say|suggest|support|prove))\b
    |\bit\s+is\s+(?:not\s+true|not\s+known|unknown|unclear|uncertain|not\s+clear|not\s+yet\s+known)\s+(?:as\s+to\s+)?(?:that|whether|if)\b""",
    regex.IGNORECASE | regex.VERBOSE,
)
# A determiner that negates the matched phrase itself: "there is no miracle cure", "few or no living cells",
# "non-FDA-approved", or makes it a condition: "if proven effective".
_NEGATED_DETERMINER = LazyPattern(
    r"\b(?:no|(?:few|little)\s+(?:or|if\s+any|to)\s+no|few\s+if\s+any|zero|non|if|unless)\W*$", regex.IGNORECASE
)
# A concession the sentence goes on to deny: "although stem cells have the potential to cure many
# diseases, the science has not made it that far".
_CONCESSION = LazyPattern(r"\b(?:although|even\s+though|though)\s*$", regex.IGNORECASE)
_DENIED_AFTER_CONCESSION = LazyPattern(
    r"""\W*(?:[\w'-]+\s+){0,6}?(?:has|have|had|is|are|was|were|does|do|did)(?:\s+not|n't)\s+(?:yet\s+)?(?:been\s+)?(?:\w+\s+)?
        (?:shown|proven|proved|approved|demonstrated|established|made|work|worked|tested|confirmed|supported|cleared|there)\b
    |\W*(?:[\w'-]+\s+){0,6}?(?:(?:has|have|had|is|are)\s+)?(?:not\s+yet|no\s+(?:good\s+)?(?:evidence|proof)|unproven|remains?\s+unproven)\b""",
    regex.IGNORECASE | regex.VERBOSE,
)
# A clause that carries on a doubt stated before it: "whether ..." or a clause after "if so,".
_CONTINUED_DOUBT = LazyPattern(r"\W*(?:and\s+|or\s+)?(?:if\s+so\W+)?whether\b", regex.IGNORECASE)
_IF_SO = LazyPattern(r"\bif\s+so\s*,\s*$", regex.IGNORECASE)
_DOUBT = LazyPattern(
    r"""\b(?:unclear|uncertain|unknown|not\s+(?:yet\s+)?(?:known|clear)|doubtful|questionable)\s+(?:as\s+to\s+)?(?:whether|if)\b""",
    regex.IGNORECASE,
)
# A word mentioned rather than used: 'the word "miracle"', 'the term "breakthrough"', 'a proxy for "cutting edge"'.
_MENTION = LazyPattern(
    r"""\b(?:(?:words?|terms?|phrases?|labels?|expressions?|buzzwords?)\s*[:,]?|(?:proxy|synonym|shorthand|code|euphemism)
        \s+for|so[\s-]called)\s*(?:["'][^"']{1,40}["']\s*(?:,\s*(?:and|or)?|and|or)\s*){0,3}["'](?:[\w-]+\s+){0,3}$""",
    regex.IGNORECASE | regex.VERBOSE,
)
# A quotation a sentence then attributes to what someone was told or promised: '"You will walk again,"
# are the words he was told', '"No more pain," she was promised'.
_TOLD_AFTER_QUOTE = LazyPattern(
    r"""[^"]{0,200}"\W*(?:[\w'-]+\W+){0,6}?(?:was|were|had\s+been|been|being|get|got)\s+(?:\w+\s+)?(?:told|promised
        |pitched|assured|sold)\b""",
    regex.IGNORECASE | regex.VERBOSE,
)
# Claims named and then spelled out after a semicolon or colon: "Some claims are grandiose; promising
# changes that cure arthritis", "Claims were made at the seminar: no side effects; ..." (the semicolon
# would otherwise cut the claim off from its frame).
_CLAIMS_SPELLED_OUT = LazyPattern(
    r"""\b(?:claims|promises|ads|advertisements|advertising|marketing|pitches)\b(?:[^.;:]{0,100}[;:]\s*(?:promising|claiming
        |touting|boasting|advertising|guaranteeing|pledging)\b|\s+(?:were|was|had\s+been)\s+(?:made|given|repeated)\b[^.;:]{0,60}:)""",
    regex.IGNORECASE | regex.VERBOSE,
)
# Speech attributed at its end, the way news reports it: "..., he said.", "..., the FDA said in a statement.",
# '..." said Dr. Smith, a stem cell researcher.' A clinic quoting a patient in the first person is not
# caught ("I" and "we" keep the sentence, `_SPOKEN_BY_US`).
_ATTRIBUTED_AFTER = LazyPattern(
    r"""[,\u201d"]\s*(?:(?:he|she|they|the\s+(?:[\w-]+\s+){0,2}?(?:agency|fda|ftc|company|doctor|researchers?|scientists?|official
        |spokes(?:wo)?man|spokesperson|authors?|statement|report|study|lawsuit|complaint|letter))|(?-i:[A-Z][\w.'\u2019-]*)
        (?:\s+(?-i:[A-Z][\w.'\u2019-]*)){0,3})\s+(?:said|says|told\s+\w+|added|explained|noted|wrote|writes|cautioned|warned)\b
        [^!?;]{0,160}\W*$
    |[,\u201d"]\s*(?:said|says|added|explained|noted|wrote|cautioned|warned)\s+(?:(?-i:[A-Z])|the\s|an?\s)[^!?;]{0,160}\W*$""",
    regex.IGNORECASE | regex.VERBOSE,
)
_SPOKEN_BY_US = LazyPattern(r"\b(?:I|I['\u2019]\w+|my|me|we|our|ours|(?-i:us|Us))\b", regex.IGNORECASE)
# The text of a statute or rule: conditions it defines ("a drug is eligible for designation if (A) the drug is
# intended to treat ... a serious disease or condition"), not a product's claim.
_STATUTE = LazyPattern(
    r"""\b(?:under\s+this\s+(?:sub)?(?:section|paragraph|part|chapter|title)|for\s+(?:the\s+)?purposes\s+of\s+this
        \s+(?:sub)?(?:section|paragraph|part|chapter)|as\s+defined\s+in\s+(?:sub)?(?:section|paragraph)\s*\(
        |eligible\s+for\s+designation|such\s+(?:an?\s+)?disease\s+or\s+condition)\b""",
    regex.IGNORECASE | regex.VERBOSE,
)


# A regulator's or a court's own requirement or order: what a party is barred from, what claims must be
# ("barred from making ... unless the claims are true and substantiated", "they all need sound science to
# support what they say", "a permanent injunction prohibiting [a firm] from making ...", "would have to be
# classified as a drug and be proven safe and effective"): the law's voice.
_LEGAL_FRAME = LazyPattern(
    r"""\b(?:barred|banned|prohibit|prohibits|prohibited|prohibiting|enjoin|enjoins|enjoined|forbids|forbidden|bars)\b
        (?:\W+[\w'\u2019-]+){0,12}?\W+from\b
    |\bunless\s+(?:the\s+|such\s+|those\s+|these\s+)?(?:representations?|claims?|statements?|they|it)\s+(?:is|are)\s+
        (?:true|substantiated|supported|non-misleading|backed)\b
    |\b(?:must|need\s+to|needs\s+to|have\s+to|has\s+to|required\s+to)\s+(?:be\s+)?(?:substantiated|supported|backed)\s+by\b
    |\b(?:must|(?:would|will)\s+(?:first\s+)?(?:have|need)\s+to|needs?\s+to|ha(?:ve|s)\s+to|required\s+to)\s+(?:\w+\s+){0,6}?be\s+
        (?:proven|shown|demonstrated)\s+(?:to\s+be\s+)?\W?(?:safe|effective)\b
    |\b(?:need|needs|require|requires)\s+(?:[\w-]+\s+){0,3}?(?:science|evidence|proof|substantiation|studies)\s+to\s+
        (?:support|back|substantiate)\b
    |\b(?:permanent|preliminary)\s+injunct\w*""",
    regex.IGNORECASE | regex.VERBOSE,
)


def is_question(text: str, sentence: tuple[int, int]) -> bool:
    """Whether the sentence ends with "?" (looking only at its end: sentences can be huge)."""
    tail = text[max(sentence[0], sentence[1] - 8) : sentence[1]]
    return tail.rstrip(" \"')]").endswith("?")


def _boundaries(text: str, start: int, end: int) -> Iterator[regex.Match[str]]:
    """The clause boundaries in text[start:end] that are not inside an aside in brackets."""
    asides = [m.span() for m in _ASIDE.finditer(text, start, end)]
    return (m for m in _CLAUSE_BOUNDARY.finditer(text, start, end) if not any(a <= m.start() < b for a, b in asides))


def clause_start(text: str, sentence_start: int, offset: int) -> int:
    """Start of the clause containing `offset`, within its sentence (asides in brackets do not end it)."""
    start = sentence_start
    for m in _boundaries(text, sentence_start, offset):
        start = m.end()
    return start


def _without_asides(text: str, start: int, end: int) -> str:
    """text[start:end] with its bracketed asides blanked (same length: offsets stay valid)."""
    words = text[start:end]
    if "(" not in words and "[" not in words:
        return words
    return _ASIDE.sub(lambda m: " " * len(m.group()), words)


def clause_end(text: str, offset: int, sentence_end: int) -> int:
    m = _CLAUSE_BOUNDARY.search(text, offset, sentence_end)
    return m.start() if m else sentence_end


def is_negated(text: str, sentence: tuple[int, int], head: int, end: int) -> bool:
    """A denying frame earlier in the clause ("no study has shown that"), a negator shortly before `head`,
    "no" right before it, a word quoted as a mention ("the word \"miracle\""), or "is not ..." right after.
    A clause that goes on with the doubt ("..., and if so, whether the cells remain viable") is read
    with the frame it continues."""
    start = clause_start(text, sentence[0], head)
    clause = _without_asides(text, start, head)
    if _NEGATED_FRAME.search(clause):
        return True
    if _CONTINUED_DOUBT.match(clause) or _IF_SO.search(text, max(sentence[0], start - 12), start):
        doubted = _without_asides(text, _contrast_start(text, sentence[0], head), start)
        if _NEGATED_FRAME.search(doubted) or _DOUBT.search(doubted):
            return True
    words = [m.start() for m in _WORD.finditer(clause)]
    if len(words) > NEGATION_WINDOW_WORDS:
        clause = clause[words[-NEGATION_WINDOW_WORDS] :]
    if _NEGATOR.search(clause):
        return True
    before = clause[-40:]
    if _NEGATED_DETERMINER.search(before) or _MENTION.search(clause[-90:]):
        return True
    if text.count('"', sentence[0], head) % 2 and _TOLD_AFTER_QUOTE.match(text, end, sentence[1]):
        return True
    if _CONCESSION.search(text, max(sentence[0], start - 14), start):
        after = clause_end(text, end, sentence[1])
        if after < sentence[1] and _DENIED_AFTER_CONCESSION.match(text, after + 1, sentence[1]):
            return True
    return _NEGATED_AFTER.match(text, end, clause_end(text, end, sentence[1])) is not None


def clauses(text: str, sentence: tuple[int, int]) -> list[tuple[int, int]]:
    """The clauses of a sentence, split where `clause_start` splits them (asides in brackets do not split)."""
    spans, start = [], sentence[0]
    for m in _boundaries(text, *sentence):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, sentence[1]))
    return spans


# A denial that asserts: a share of patients said not to improve states the share that does ("15-20% may not
# improve"), and a negated "less" is litotes ("nor does it stimulate any less growth").
_SHARE_DENIED = LazyPattern(
    r"""\W*(?:(?:and|but|or|so)\s+)?(?:only\s+)?(?:about\s+|approximately\s+|roughly\s+|around\s+|just\s+|fewer\s+than\s+)?
        \d+(?:[.,]\d+)?\s*(?:(?:[-\u2013]|to)\s*\d+(?:[.,]\d+)?\s*)?(?:%|percent\b)""",
    regex.IGNORECASE | regex.VERBOSE,
)
_LITOTES = LazyPattern(r"\b(?:any|no)\s+less\b", regex.IGNORECASE)


def is_sentence_negated(text: str, sentence: tuple[int, int]) -> bool:
    """Whether a whole sentence denies or doubts what it says, for a finding that covers a sentence rather
    than a phrase (the learned detector's): every clause of three words or more is negated where its
    subject and verb are, within its first NEGATION_WINDOW_WORDS words ("It hasn't been shown to repair
    cartilage"). One affirmative clause keeps the sentence ("It is not surgery, and it repairs cartilage")."""
    negated = False
    for start, end in clauses(text, sentence):
        words = list(_WORD.finditer(text, start, end))
        if len(words) < 3:
            continue
        head = words[min(len(words), NEGATION_WINDOW_WORDS) - 1].end()
        asserted = _SHARE_DENIED.match(text, start, end) or _LITOTES.search(text, start, end)
        if asserted or not is_negated(text, sentence, head, head):
            return False
        negated = True
    return negated


def is_reported(text: str, sentence: tuple[int, int], head: int) -> bool:
    """The claim is someone else's, quoted to warn about it ("The FDA warns that ..."); a frame before
    a "but" or "however" does not reach the claim after it. A statute's own conditions are nobody's claim."""
    if _STATUTE.search(text, *sentence) is not None:
        return True
    if _LEGAL_FRAME.search(text, *sentence) and _FIRST_PERSON.search(text, *sentence) is None:
        return True
    if _CLAIMS_SPELLED_OUT.search(text, sentence[0], head) and _FIRST_PERSON.search(text, *sentence) is None:
        return True
    if _REPORTED.search(text, _contrast_start(text, sentence[0], head), head) is not None:
        return True
    return _ATTRIBUTED_AFTER.search(text, *sentence) is not None and _SPOKEN_BY_US.search(text, *sentence) is None


def _contrast_start(text: str, sentence_start: int, head: int) -> int:
    """Where the part of the sentence that holds `head` begins, after its last contrast ("but", ";")."""
    start = sentence_start
    for m in _CONTRAST.finditer(text, sentence_start, head):
        start = m.end()
    return start


def is_described(text: str, sentence: tuple[int, int], head: int) -> bool:
    """The claim is someone's marketing, described by a regulator or a third party ("your firm markets
    these products to treat ...", "clinics offering stem cells for autism ...")."""
    start = _contrast_start(text, sentence[0], head)
    if _DESCRIBED_TO_SELLER.search(text, start, head) is not None:
        return True
    described = _DESCRIBED_BY_OTHERS.search(text, start, head) is not None
    return described and _FIRST_PERSON.search(text, *sentence) is None


def is_not_claimed(text: str, sentence: tuple[int, int], head: int, end: int) -> bool:
    """Whether the match from `head` to `end` is denied, or someone else's words reported or described,
    rather than claimed (`is_negated`, `is_reported`, `is_described`)."""
    return (
        is_negated(text, sentence, head, end) or is_reported(text, sentence, head) or is_described(text, sentence, head)
    )


def is_research(text: str, sentence: tuple[int, int]) -> bool:
    """The sentence reports research ("a pilot study found ...") and does not speak as a seller, or is
    part of a reference list's entry (a cited paper's title)."""
    if _RESEARCH.search(text, *sentence) is not None and _SELLER_VOICE.search(text, *sentence) is None:
        return True
    return is_citation(text, sentence)


def is_citation(text: str, sentence: tuple[int, int]) -> bool:
    """Whether the sentence is part of an entry of a reference list (its authors, a paper's title, the
    journal): the page cites the paper, it does not make the title's claim its own. Clinic pages list
    references too, so such an entry says nothing about who wrote the page either."""
    # A line longer than MAX_REFERENCE_ENTRY either side is prose (and is never scanned end to end).
    before = max(0, sentence[0] - MAX_REFERENCE_ENTRY)
    newline = text.rfind("\n", before, sentence[0])
    if newline < 0 < before:
        return False
    line_start, limit = newline + 1, sentence[1] + MAX_REFERENCE_ENTRY
    line_end = text.find("\n", sentence[1], limit)
    if line_end < 0:
        if limit < len(text):
            return False
        line_end = len(text)
    return (
        _REFERENCE_ENTRY.match(text, line_start, line_end) is not None
        and _CITATION_DETAILS.search(text, line_start, line_end) is not None
    )


def is_research_document(text: str, sentences: Sequence[tuple[int, int]]) -> bool:
    """Whether a whole document is a research paper or abstract, not marketing copy: it has at least
    RESEARCH_DOCUMENT_SENTENCES sentences, no price and none of them in the seller's voice, and one with
    a paper's own apparatus (`_SCHOLARLY`, `_ABSTRACT_HEADING`) that is not an entry of a reference list.
    Marketing speaks to its reader ("you", "our", "Contact"), so copy that sells is never read this way,
    however many studies it cites."""
    if len(sentences) < RESEARCH_DOCUMENT_SENTENCES:
        return False
    spans = range(len(sentences))  # (copy that sells speaks to its reader within a few sentences)
    if any(_SELLER_VOICE.search(text, *sentences[i]) is not None for i in spans):
        return False
    scholarly = any(
        _ABSTRACT_HEADING.match(text, *sentences[i]) is not None
        or (_SCHOLARLY.search(text, *sentences[i]) is not None and not is_citation(text, sentences[i]))
        for i in spans
    )
    return scholarly and _PRICE.search(text) is None
