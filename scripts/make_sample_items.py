"""Create the sample proposals, comments and decisions shipped in drafts/ (run it once).

    .venv/bin/python scripts/make_sample_items.py [DRAFTS_FOLDER]

Everything goes through draftkit's public API. Wording and times are fixed
(the 2010 calendar: zero drafts in June, Rev.1 in late August, paragraphs
agreed ad ref at the Geneva meeting on 6 September, decisions on proposals in
October); only the ids' random parts differ between runs. The script refuses
a folder that already holds proposals, comments or decisions. The revisions
are in drafts/ already (their texts and statuses are the record).

Planted on purpose, for the compilation text, merges and the comments matrix:
two conflicting pairs in the action plan (one both proposed, one with exactly
one side accepted) and one in the declaration; an identical pair; proposals
written against the zero draft, one of them on words Rev.1 changed (stale);
a retain against a change; a comment whose words Rev.1 removed (orphaned);
accepted proposals on text agreed ad ref at Geneva (Action 3, Action 49), and
one paragraph agreed ad ref and reopened the same day (Action 44).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from draftkit import Drafts, open_drafts

VAP = "vientiane-action-plan"
PD = "political-declaration"
REPO_DRAFTS = Path(__file__).resolve().parent.parent / "drafts"


def at(text: str) -> dt.datetime:
    """A fixed UTC time from "YYYY-MM-DD HH:MM"."""
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=dt.UTC)


@dataclass(frozen=True, kw_only=True)
class Prop:
    """One proposal and what happens to it afterwards.

    `by`, `support` and `oppose` are party codes separated by spaces.
    Supporters then opponents state their position a day apart after `when`.
    `fate` is proposed / accepted / rejected / withdrawn / superseded; for the
    last, `successor` names the key of the proposal that replaces it.
    """

    key: str  # this script's handle for cross-references
    when: str
    para: str
    op: str
    by: str
    quote: str | None = None
    text: str = ""
    position: str | None = None
    destination: str | None = None
    behalf: str | None = None
    revision: str = "rev1"
    rationale: str = ""
    support: str = ""
    oppose: str = ""
    fate: str = "proposed"
    decided: str = ""
    note: str = ""
    successor: str = ""


@dataclass(frozen=True, kw_only=True)
class Note:
    """One comment, its replies (party, when, text) and the presidency's disposition."""

    key: str
    doc: str
    when: str
    party: str
    type: str
    text: str
    para: str | None = None
    quote: str | None = None
    revision: str = "rev1"
    proposal: str | None = None  # key of the proposal it puts forward
    replies: tuple[tuple[str, str, str], ...] = ()
    disposition: tuple[str, str, str] | None = None  # (kind, when, observation)


ACTION_PLAN = [
    # I-II. Introduction and partnerships
    Prop(key="vap-review-survivors", when="2010-09-07 10:00", para="5", op="insert",
         by="HI", quote="the Cluster Munition Coalition", position="after",
         text=", organisations of cluster munition survivors",
         rationale="Survivors' organisations report on victim assistance and should be named as "
                   "sources.",
         support="CMC NOR MOZ", fate="accepted", decided="2010-10-05 15:00"),
    Prop(key="vap-instruments", when="2010-09-08 11:30", para="8", op="replace-paragraph",
         by="JPN",
         text="States Parties will draw on the experience gained under the Anti-Personnel Mine Ban "
              "Convention, the Convention on the Rights of Persons with Disabilities and other "
              "relevant instruments, [while respecting the independence of each framework,] and "
              "will avoid duplication of effort.",
         rationale="Names the instruments without ranking them and brackets the disputed clause.",
         support="AUT", oppose="CMC"),
    Prop(key="vap-sponsorship", when="2010-09-08 15:00", para="9", op="add", position="after",
         by="NOR IRL MOZ",
         text="States Parties in a position to do so will support, through a sponsorship programme "
              "funded by voluntary contributions, the participation of survivors and of experts "
              "from affected States in the meetings of the Convention.",
         rationale="Gives paragraph 9 the means to make participation real.",
         support="HI CMC LAO CHL", fate="accepted", decided="2010-10-05 15:10"),
    Prop(key="vap-zd-meetings", when="2010-06-14 09:30", revision="zero-draft", para="8",
         op="insert", by="CMC", quote="at all formal and informal meetings", position="after",
         text=" of the Convention",
         rationale="Makes clear which meetings are meant.", support="HI"),
    # III. Universalization
    Prop(key="vap-asap-retain", when="2010-09-09 10:00", para="Action 1", op="retain",
         by="GBR", quote="as soon as possible",
         rationale="The agreed formula of Santiago; no reason to reopen it.",
         support="FRA JPN"),
    Prop(key="vap-without-delay", when="2010-09-09 16:20", para="Action 1", op="replace",
         by="NZL IRL", quote="as soon as possible", text="without delay",
         rationale="Aligns Action 1 with Action 2 and with OP2 of the declaration.",
         support="CMC MEX", oppose="GBR"),
    Prop(key="vap-arab-league", when="2010-09-10 09:00", para="Action 3", op="insert",
         by="LBN", quote="the Association of Southeast Asian Nations", position="after",
         text=", the League of Arab States",
         rationale="The League of Arab States is the forum that reaches most States not party in "
                   "the region.",
         support="FRA", fate="accepted", decided="2010-10-05 15:20"),
    Prop(key="vap-move-observers", when="2010-09-10 11:45", para="Action 4", op="move",
         by="AUT", destination="Action 7", position="after",
         rationale="Observership follows naturally once the promotional actions are listed.",
         support="BEL DEU", fate="accepted", decided="2010-10-05 15:30"),
    Prop(key="vap-condemn", when="2010-09-10 14:00", para="Action 5", op="replace",
         by="NZL AUT IRL MEX", quote="[condemn] [discourage by every means available]",
         text="condemn",
         rationale="Any use of cluster munitions by any actor should be condemned without "
                   "qualification.",
         support="CMC HI NOR GHA", oppose="JPN"),
    Prop(key="vap-seminars-yearly", when="2010-09-13 10:00", para="Action 7", op="insert",
         by="CIV", quote="before the Second Meeting of States Parties", position="after",
         text=" and every year thereafter",
         support="GHA SEN", fate="withdrawn", decided="2010-09-28 12:00",
         note="Withdrawn in favour of a regional calendar agreed with the Presidency."),
    # IV. Stockpile destruction and retention
    Prop(key="vap-zd-six-months", when="2010-06-16 14:00", revision="zero-draft",
         para="Action 7", op="replace", by="SEN", quote="[one year] [six months]",
         text="six months",
         rationale="Separating stockpiles is a simple step that need not take a year.",
         support="CMC"),
    Prop(key="vap-zd-plan-reports", when="2010-06-17 10:30", revision="zero-draft",
         para="Action 8", op="replace", by="BEL",
         quote="make that plan available to other States Parties",
         text="communicate that plan to all States Parties through their transparency reports",
         rationale="Uses the channel that already exists instead of a new one.",
         support="NOR GHA", fate="accepted", decided="2010-10-05 15:40"),
    Prop(key="vap-within-eight", when="2010-09-14 09:15", para="Action 10", op="replace",
         by="NOR", quote="[within eight years] [well before the eight-year deadline]",
         text="within eight years",
         rationale="The wording of Article 3: the plan creates no new obligation (paragraph 2).",
         support="GBR DEU", oppose="CMC"),
    Prop(key="vap-well-before", when="2010-09-14 11:00", para="Action 10", op="replace",
         by="MEX PER CHL", quote="[within eight years] [well before the eight-year deadline]",
         text="well before the eight-year deadline",
         rationale="Most stockpiles can be destroyed well within the deadline; the plan should say "
                   "so.",
         support="CMC HI NZL", oppose="JPN"),
    Prop(key="vap-early-assistance", when="2010-09-14 15:30", para="Action 13", op="insert",
         by="GHA", quote="in good time", position="after",
         text=", and at the latest two years before their deadline,",
         support="ZMB", fate="withdrawn", decided="2010-09-27 10:00",
         note="Covered by Action 39 as revised; Ghana withdraws."),
    Prop(key="vap-annually", when="2010-09-15 09:00", para="Action 14", op="replace",
         by="FRA", quote="every year", text="annually",
         rationale="Editorial: the usual term in the plan.",
         fate="rejected", decided="2010-10-05 16:00",
         note="Editorial; the Secretariat will harmonise wording in Rev.2."),
    Prop(key="vap-lot-numbers", when="2010-09-15 10:30", para="Action 15", op="replace",
         by="FRA DEU", quote="types, quantities [and lot numbers]", text="types and quantities",
         rationale="Article 7 asks for types and quantities; lot numbers go beyond it.",
         support="GBR JPN", oppose="CMC", fate="accepted", decided="2010-10-05 16:10"),
    # V. Clearance and risk reduction
    Prop(key="vap-national-authority", when="2010-09-15 14:00", para="Action 16", op="add",
         position="before", by="UNMAS",
         text="Designate, within six months of entry into force, a national authority "
              "responsible for coordinating survey, clearance and risk reduction education, and "
              "give it the resources it needs.",
         rationale="Every effective clearance programme starts with a national authority.",
         support="LAO LBN"),
    Prop(key="vap-zd-fence", when="2010-07-05 11:00", revision="zero-draft", para="Action 19",
         op="insert", by="MOZ", quote="Mark the perimeter of contaminated areas",
         position="after", text=", fence them where appropriate",
         support="UNMAS"),
    Prop(key="vap-extension-delete", when="2010-09-16 09:30", para="Action 21", op="delete",
         by="LBN",
         quote=", [and request an extension under Article 4 only in exceptional circumstances]",
         rationale="Article 4 sets its own conditions for extensions; the plan should not add to "
                   "them.",
         support="LAO", oppose="NOR CMC", fate="rejected", decided="2010-10-05 16:20",
         note="The bracket stays pending consultations by the Friend of the President on "
              "clearance."),
    Prop(key="vap-zd-disability", when="2010-07-07 15:00", revision="zero-draft",
         para="Action 21", op="insert", by="HI", quote="age, gender", position="after",
         text=", disability",
         rationale="Risk education must reach persons with disabilities too.",
         support="CMC MOZ", fate="accepted", decided="2010-10-05 16:30"),
    # VI. Victim assistance
    Prop(key="vap-zd-disaggregate", when="2010-07-12 10:00", revision="zero-draft",
         para="Action 24", op="replace", by="ICRC", quote="disaggregated by sex and age",
         text="disaggregated by sex, age and disability",
         support="HI CMC MOZ"),
    Prop(key="vap-national-plan-africa", when="2010-09-16 14:00", para="Action 27",
         op="replace", by="ZMB", behalf="AFRICAN-GROUP",
         quote="[and adopt a dedicated national plan of action with its own budget and "
               "timeline within one year of entry into force]",
         text="and adopt, where appropriate, a dedicated national plan of action with its own "
              "budget and timeline within two years of entry into force",
         rationale="A dedicated plan is needed where services are weak; two years is realistic.",
         support="LAO LBN HI CMC MEX", fate="accepted", decided="2010-10-06 10:00",
         note="Compromise wording; the EU's deletion remains on the table."),
    Prop(key="vap-national-plan-eu", when="2010-09-17 09:00", para="Action 27", op="delete",
         by="BEL", behalf="EU",
         quote="[and adopt a dedicated national plan of action with its own budget and "
               "timeline within one year of entry into force]",
         rationale="Integration into existing plans, not a separate plan, is the way to "
                   "sustainability.",
         support="JPN", oppose="MOZ HI"),
    Prop(key="vap-named-states", when="2010-09-17 11:30", para="Action 30", op="delete",
         by="JPN",
         quote=", in particular in Zambia, Lebanon and other affected States that request support",
         rationale="An action plan should not single out States.",
         oppose="ZMB LBN", fate="rejected", decided="2010-10-06 10:10"),
    # VII. International cooperation and assistance
    Prop(key="vap-national-plans", when="2010-09-20 10:00", para="Action 34", op="replace",
         by="CHL", quote="responding to the needs and priorities these States have identified",
         text="responding to the needs and priorities identified by these States in their "
              "national plans",
         support="PER"),
    Prop(key="vap-deadlines-irl", when="2010-09-20 14:30", para="Action 35", op="replace",
         by="IRL", quote="[and meet their Article 4 deadlines]",
         text="and meet their deadlines under Articles 3 and 4",
         rationale="Predictable funding matters for stockpile destruction as much as for "
                   "clearance.",
         support="NOR"),
    Prop(key="vap-deadlines-sen", when="2010-09-21 09:00", para="Action 35", op="replace",
         by="SEN", quote="[and meet their Article 4 deadlines]",
         text="and meet their deadlines under Articles 3 and 4",
         rationale="Affected States need to plan both destruction and clearance.",
         support="GHA"),
    Prop(key="vap-sharing-v1", when="2010-09-21 11:00", para="Action 37",
         op="replace-paragraph", by="NOR",
         text="Share, at each Meeting of States Parties, information on the assistance they have "
              "provided and received, using a common format, so that available resources are "
              "matched with the needs identified.",
         fate="superseded", decided="2010-09-24 17:00", successor="vap-sharing-v2",
         note="Replaced by a joint text with Japan and Chile."),
    Prop(key="vap-sharing-v2", when="2010-09-24 16:00", para="Action 37",
         op="replace-paragraph", by="NOR JPN CHL",
         text="Share, at each Meeting of States Parties and in their transparency reports, "
              "information on the assistance they have provided and received, using the "
              "voluntary form annexed to the reporting formats, so that available resources are "
              "matched with the needs identified and duplication between donors is avoided.",
         support="UNDP AUT", fate="accepted", decided="2010-10-06 10:20"),
    Prop(key="vap-priority-africa", when="2010-09-22 10:00", para="Action 38", op="add",
         position="after", by="MOZ CIV SEN",
         text="[Give priority in their assistance to States Parties with the heaviest "
              "contamination and the most limited national resources.]",
         support="LAO LBN", oppose="GBR"),
    # VIII. Actions in support of implementation
    Prop(key="vap-formats-amended", when="2010-09-22 14:00", para="Action 42", op="insert",
         by="GBR", quote="adopted at the First Meeting of States Parties", position="after",
         text=" [and as amended at later Meetings]"),
    Prop(key="vap-delete-44", when="2010-09-23 09:30", para="Action 44",
         op="delete-paragraph", by="DEU",
         rationale="Duplicates Action 39 and the reporting formats' section on assistance.",
         support="FRA", oppose="GHA", fate="accepted", decided="2010-10-06 10:30"),
    Prop(key="vap-zd-procurement", when="2010-07-20 10:00", revision="zero-draft",
         para="Action 44", op="insert", by="NZL", quote="military doctrine", position="after",
         text=", including procurement and export control rules,",
         support="IRL AUT", fate="accepted", decided="2010-10-06 10:40"),
    Prop(key="vap-investment", when="2010-09-23 14:00", para="Action 47", op="insert",
         by="CMC", quote="under their jurisdiction or control", position="after",
         text=", [including any investment in the production of cluster munitions]",
         rationale="Several States already prohibit investment; the plan should encourage it.",
         support="NOR MEX", oppose="JPN GBR", fate="rejected", decided="2010-10-06 10:50",
         note="No consensus; States may report national measures on investment under Action 48."),
    Prop(key="vap-legislation-cmc", when="2010-09-24 09:00", para="Action 49", op="replace",
         by="ICRC", quote="in cooperation with the ICRC",
         text="in cooperation with the ICRC and the Cluster Munition Coalition",
         support="CMC NZL", fate="accepted", decided="2010-10-06 11:00"),
    Prop(key="vap-gichd", when="2010-09-27 10:00", para="Action 51", op="replace", by="FRA",
         quote="[with the support of the Geneva International Centre for Humanitarian Demining] "
               "[with the support of UNDP]",
         text="with the support of the Geneva International Centre for Humanitarian Demining",
         oppose="UNDP", fate="withdrawn", decided="2010-10-01 09:00",
         note="Withdrawn pending consultations with UNDP and the Centre."),
    Prop(key="vap-isu", when="2010-09-27 15:00", para="Action 52", op="replace", by="NOR MOZ",
         quote="[Consider at the Second Meeting of States Parties the establishment of an "
               "implementation support unit] [Rely on existing structures to support "
               "implementation]",
         text="Decide at the Second Meeting of States Parties on the establishment of an "
              "implementation support unit",
         support="CMC LAO", oppose="FRA JPN"),
]

DECLARATION = [
    Prop(key="pd-maim", when="2010-08-23 10:00", para="PP3", op="replace", by="CMC",
         quote="kill and injure", text="kill and maim",
         rationale="The words of the Convention's own preamble.", support="HI"),
    Prop(key="pd-survivors-work", when="2010-08-23 15:00", para="PP4", op="insert", by="HI",
         quote="in the social, economic and political life of their communities",
         position="after", text=" [and in the work of the Convention]",
         support="MOZ CMC"),
    Prop(key="pd-survivors-partners", when="2010-08-24 09:30", para="PP7", op="insert",
         by="GHA", quote="the Cluster Munition Coalition", position="after",
         text=", survivors' organizations",
         support="HI NOR", fate="accepted", decided="2010-10-07 10:00"),
    Prop(key="pd-deadlines-both", when="2010-08-25 10:00", para="PP8", op="replace", by="NOR",
         quote="[the eight-year deadline for stockpile destruction] [the deadlines for "
               "stockpile destruction and for clearance]",
         text="the deadlines for stockpile destruction and for clearance",
         rationale="Clearance deadlines matter as much to affected States.",
         support="CMC LBN"),
    Prop(key="pd-deadline-stockpiles", when="2010-08-25 14:00", para="PP8", op="replace",
         by="JPN",
         quote="[the eight-year deadline for stockpile destruction] [the deadlines for "
               "stockpile destruction and for clearance]",
         text="the eight-year deadline for stockpile destruction",
         rationale="The deadline closest for most States Parties.",
         support="GBR", oppose="LAO"),
    Prop(key="pd-stockpiling", when="2010-08-26 09:00", para="OP2", op="replace", by="GBR",
         quote="production, stockpiling or transfer", text="production or transfer",
         oppose="CMC NZL MEX", fate="rejected", decided="2010-10-07 10:10",
         note="Stockpiling is among the prohibitions of Article 1."),
    Prop(key="pd-extension-delete", when="2010-08-26 14:00", para="OP3", op="delete",
         by="FRA DEU", quote="[and to avoid any request for an extension,]",
         rationale="Goes beyond Article 3, which provides for extensions.",
         support="JPN", oppose="NOR CMC"),
    Prop(key="pd-peer-support", when="2010-08-27 10:00", para="OP5", op="insert", by="IRL",
         quote="psychological support", position="after", text=", peer support",
         support="HI CMC NZL"),
    Prop(key="pd-crpd", when="2010-08-30 10:00", para="OP6", op="replace", by="BEL",
         behalf="EU",
         quote="encourage cooperation with the Convention on the Rights of Persons with "
               "Disabilities",
         text="draw on the Convention on the Rights of Persons with Disabilities as a framework "
              "for their efforts",
         support="HI MEX", fate="accepted", decided="2010-10-07 10:20"),
    Prop(key="pd-delegations", when="2010-08-30 15:00", para="OP6", op="add", position="after",
         by="MOZ LAO",
         text="Encourage States Parties to include cluster munition survivors and their "
              "representative organizations in their national delegations to Meetings of "
              "States Parties;",
         support="HI CMC NOR", fate="accepted", decided="2010-10-07 10:30"),
    Prop(key="pd-calendar-year", when="2010-08-31 10:00", para="OP8", op="insert", by="PER",
         quote="by 30 April of each year thereafter", position="after",
         text=", covering the previous calendar year",
         support="CHL", fate="accepted", decided="2010-10-07 10:40"),
    Prop(key="pd-santiago-host", when="2010-09-01 10:00", para="PP6", op="insert", by="MEX",
         quote="held in Santiago, Chile, from 7 to 9 June 2010", position="after",
         text=" at the invitation of the Government of Chile",
         fate="withdrawn", decided="2010-09-20 11:00",
         note="The Presidency prefers the shorter reference; Mexico agrees."),
    Prop(key="pd-zd-lebanon", when="2010-06-21 10:00", revision="zero-draft", para="OP10",
         op="replace", by="LBN", quote="[Lebanon]", text="Lebanon",
         rationale="Lebanon's Government has confirmed its offer.",
         support="LAO FRA NOR", fate="accepted", decided="2010-10-07 10:50"),
    Prop(key="pd-zd-benchmark", when="2010-06-22 11:00", revision="zero-draft", para="OP9",
         op="insert", by="CHL", quote="a practical guide for implementation", position="after",
         text=" [and a benchmark for measuring progress]",
         support="PER"),
]

PROPOSALS = {VAP: ACTION_PLAN, PD: DECLARATION}

COMMENTS = [
    Note(key="c-vap-concise", doc=VAP, when="2010-09-08 09:00", party="NOR", type="general",
         text="Norway welcomes Rev.1 as a good basis for agreement and encourages the Presidency "
              "to keep the actions concrete, measurable and few enough to be reviewed each year.",
         disposition=("noted", "2010-10-08 10:00",
                      "Welcomed; the Presidency aims at a concise plan.")),
    Note(key="c-vap-spelling", doc=VAP, when="2010-09-09 09:00", party="GBR", type="editorial",
         text="Spelling differs between the two outcome documents (organisation / organization, "
              "recognise / recognize); please harmonise both on UN editorial practice.",
         replies=(("FRA", "2010-09-12 10:00",
                   "France agrees and notes that the French versions will need the same care."),),
         disposition=("accepted", "2010-10-08 10:10",
                      "Rev.2 of both documents will follow the UN Editorial Manual.")),
    Note(key="c-vap-well-before", doc=VAP, when="2010-09-15 09:00", party="CMC",
         type="substantive", para="Action 10",
         quote="[within eight years] [well before the eight-year deadline]",
         proposal="vap-well-before",
         text="The Coalition supports the proposal of Mexico, Peru and Chile: most stockpiles can "
              "be destroyed well within the deadline, and the plan should say so.",
         replies=(("NOR", "2010-09-17 14:00",
                   "Norway shares the aim but prefers the words of Article 3 in a plan that "
                   "creates no new obligations."),),
         disposition=("noted", "2010-10-08 10:30",
                      "Both alternatives stay in brackets for the Geneva preparatory meeting.")),
    Note(key="c-vap-extensions", doc=VAP, when="2010-09-16 10:00", party="LBN",
         type="substantive", para="Action 21", proposal="vap-extension-delete",
         text="Heavily contaminated States may need an extension for reasons beyond their "
              "control; the bracketed words would stigmatise legitimate requests.",
         disposition=("not-accepted", "2010-10-08 10:40",
                      "The bracket stays pending consultations by the Friend of the President "
                      "on clearance.")),
    Note(key="c-vap-zd-peer-support", doc=VAP, when="2010-06-15 11:00", party="HI",
         type="substantive", revision="zero-draft", para="Action 24",
         quote="psychological support and economic inclusion",
         text="Handicap International suggests naming peer support beside psychological "
              "support: survivors consistently rank it among their first needs.",
         disposition=("accepted-in-principle", "2010-10-08 10:50",
                      "Peer support is addressed in Action 30; a cross-reference will be "
                      "considered.")),
    Note(key="c-vap-zd-costed", doc=VAP, when="2010-06-20 10:00", party="UNDP",
         type="substantive", revision="zero-draft", para="Action 38",
         quote="clear, costed proposals",
         text="UNDP stands ready to help affected States prepare costed proposals and suggests "
              "that the action mention such support.",
         disposition=("noted", "2010-10-08 11:00",
                      "Partners' support is covered by paragraph 16.")),
    Note(key="c-vap-zd-contact-point", doc=VAP, when="2010-07-02 10:00", party="JPN",
         type="editorial", revision="zero-draft", para="Action 43",
         quote="national contact point",
         text="For consistency with the victim assistance actions, consider 'national focal "
              "point'.",
         replies=(("NZL", "2010-07-06 09:00",
                   "New Zealand would keep 'contact point', the usual term for transparency "
                   "reporting."),)),
    Note(key="c-vap-zd-themes", doc=VAP, when="2010-06-24 15:00", party="AUT",
         type="substantive", revision="zero-draft", para="Action 49",
         quote="organised by theme and led by Friends of the President",
         text="Austria supports thematic intersessional meetings, each prepared by a Friend of "
              "the President, as the most efficient format."),
    Note(key="c-vap-isu", doc=VAP, when="2010-09-28 10:00", party="MOZ", type="general",
         para="Action 52", proposal="vap-isu",
         text="Experience under the Anti-Personnel Mine Ban Convention shows the value of "
              "dedicated implementation support; deciding at the Second Meeting avoids another "
              "year of uncertainty.",
         replies=(("FRA", "2010-09-30 16:00",
                   "France is open to a unit funded by voluntary contributions."),)),
    Note(key="c-vap-lot-numbers", doc=VAP, when="2010-09-16 16:00", party="CMC",
         type="substantive", para="Action 15", quote="[and lot numbers]",
         text="Lot numbers make retained munitions traceable and help show that retention stays "
              "at the minimum; please keep them.",
         replies=(("DEU", "2010-09-20 10:00",
                   "Germany will report lot numbers voluntarily."),),
         disposition=("not-accepted", "2010-10-08 11:20",
                      "The proposal of France and Germany was accepted; lot numbers may still be "
                      "reported voluntarily.")),
    Note(key="c-pd-short", doc=PD, when="2010-08-24 10:00", party="ICRC", type="general",
         text="The ICRC encourages States to keep the declaration short and focused on the "
              "commitments that the Vientiane Action Plan puts into practice.",
         disposition=("noted", "2010-10-08 11:30", "The Presidency shares this aim.")),
    Note(key="c-pd-zd-organizations", doc=PD, when="2010-06-18 10:00", party="FRA",
         type="editorial", revision="zero-draft", para="OP6",
         quote="international and regional organizations and non-governmental organizations",
         text="Simpler: 'international, regional and non-governmental organizations'.",
         disposition=("accepted", "2010-10-08 11:50", "Rev.2 will use the simpler wording.")),
    Note(key="c-pd-extension", doc=PD, when="2010-08-27 11:00", party="NZL",
         type="substantive", para="OP3", quote="[and to avoid any request for an extension,]",
         text="New Zealand would lift the brackets: an extension of the destruction deadline "
              "should remain the exception.",
         replies=(("FRA", "2010-08-30 09:00",
                   "France prefers to delete the words, which go beyond Article 3."),)),
    Note(key="c-pd-deadlines", doc=PD, when="2010-08-26 10:00", party="JPN",
         type="substantive", para="PP8", proposal="pd-deadline-stockpiles",
         text="Japan's proposal keeps the paragraph on the obligation that falls due first for "
              "most States Parties.",
         replies=(("NOR", "2010-08-28 10:00",
                   "Norway sees the clearance deadlines as equally important and supports the "
                   "second alternative."),)),
    Note(key="c-pd-beirut", doc=PD, when="2010-09-02 10:00", party="LBN", type="general",
         para="OP11",
         text="Lebanon confirms its offer to host the Second Meeting of States Parties in "
              "Beirut in September 2011.",
         replies=(("LAO", "2010-09-03 09:00",
                   "The Lao PDR welcomes the offer and will support a smooth handover."),),
         disposition=("noted", "2010-10-08 12:00",
                      "Noted with appreciation; the brackets around 'Lebanon' can be lifted in "
                      "Rev.2.")),
]

# The Preparatory Meeting in Geneva, 6 September 2010 (times UTC; Geneva was UTC+2): a first
# reading of each Rev.1, paragraph by paragraph, agreeing ad referendum what nobody contested.
# Action 44 was agreed ad ref in the morning and reopened in the afternoon; Lebanon's and the
# ICRC's later amendments to Action 3 and Action 49 reopen agreed text (the merge into Rev.2
# refuses them until the paragraphs are reopened).
GENEVA = "prepcom-2010"
AD_REF = {
    VAP: [("1", "08:10"), ("2", "08:12"), ("3", "08:14"), ("4", "08:20"), ("6", "08:30"),
          ("7", "08:35"), ("10", "08:50"), ("Action 2", "09:00"), ("Action 3", "09:05"),
          ("Action 6", "09:15"), ("Action 11", "09:40"), ("Action 12", "09:45"),
          ("Action 17", "10:10"), ("Action 23", "10:30"), ("Action 26", "12:10"),
          ("Action 28", "12:15"), ("Action 31", "12:25"), ("Action 40", "13:00"),
          ("Action 41", "13:10"), ("Action 43", "13:15"), ("Action 44", "13:20"),
          ("Action 45", "13:25"), ("Action 48", "13:35"), ("Action 49", "13:40"),
          ("Action 50", "13:45")],
    PD: [("PP1", "14:30"), ("PP2", "14:32"), ("PP5", "14:40"), ("OP1", "14:50"),
         ("OP4", "15:00"), ("OP7", "15:05"), ("OP9", "15:10")],
}
REOPENED = [(VAP, "Action 44", "15:30",
             "Reopened at the request of Germany, which sees it as duplicating Action 39; "
             "written proposals invited by 24 September.")]

# What the sample plants on purpose (proposal or comment keys), for the report.
PLANTED = {
    "conflict, both proposed (Action 10)": ("vap-within-eight", "vap-well-before"),
    "conflict, one side accepted (Action 27)": ("vap-national-plan-africa",
                                                "vap-national-plan-eu"),
    "conflict in the declaration (PP8)": ("pd-deadlines-both", "pd-deadline-stockpiles"),
    "identical change (Action 35)": ("vap-deadlines-irl", "vap-deadlines-sen"),
    "retain vs replace (Action 1)": ("vap-asap-retain", "vap-without-delay"),
    "stale: zero-draft words Rev.1 changed (Action 7 -> Action 8)": ("vap-zd-six-months",),
    "orphan-to-be comment (Action 49 -> Action 51)": ("c-vap-zd-themes",),
}


def codes(text: str) -> list[str]:
    return text.split()


def make_proposals(drafts: Drafts, ids: dict[str, str]) -> None:
    for document, table in PROPOSALS.items():
        for p in table:
            created = drafts.propose(
                document, paragraph=p.para, operation=p.op, proposers=codes(p.by),
                revision=p.revision, quote=p.quote, text=p.text, position=p.position,
                destination=p.destination, on_behalf_of=p.behalf, rationale=p.rationale,
                when=at(p.when))
            ids[p.key] = created.id
    for table in PROPOSALS.values():
        for p in table:
            positions = [(drafts.support, c) for c in codes(p.support)]
            positions += [(drafts.oppose, c) for c in codes(p.oppose)]
            when = at(p.when)
            for day, (record, party) in enumerate(positions, 1):
                when = at(p.when) + dt.timedelta(days=day)
                record(ids[p.key], party, when=when)
            if p.fate == "proposed":
                continue
            decided = at(p.decided)
            assert decided > when, f"{p.key}: decided before the last position"
            if p.fate == "withdrawn":
                drafts.withdraw(ids[p.key], codes(p.by)[0], note=p.note, when=decided)
            else:
                drafts.decide(ids[p.key], p.fate, note=p.note, when=decided,
                              argument=ids[p.successor] if p.successor else "")


def make_comments(drafts: Drafts, ids: dict[str, str]) -> None:
    for c in COMMENTS:
        created = drafts.comment(
            c.doc, party=c.party, text=c.text, type=c.type, paragraph=c.para, quote=c.quote,
            revision=c.revision, when=at(c.when),
            proposed_change=ids[c.proposal] if c.proposal else None)
        ids[c.key] = created.id
        for party, when, text in c.replies:
            drafts.reply(created.id, party, text, when=at(when))
        if c.disposition:
            kind, when, observation = c.disposition
            drafts.dispose(created.id, kind, observation, when=at(when))


def make_decisions(drafts: Drafts) -> None:
    """The Geneva meeting's decisions on each Rev.1, through the API (so each holds the
    words it was taken on)."""
    for document, agreed in AD_REF.items():
        for paragraph, time in agreed:
            drafts.agree(document, paragraph=paragraph, action="ad-ref", meeting=GENEVA,
                         when=at(f"2010-09-06 {time}"))
    for document, paragraph, time, why in REOPENED:
        drafts.agree(document, paragraph=paragraph, action="reopen", meeting=GENEVA,
                     note=why, when=at(f"2010-09-06 {time}"))


def report(drafts: Drafts, ids: dict[str, str]) -> None:
    parties: set[str] = set()
    for document in PROPOSALS:
        proposals = drafts.proposals(document)
        comments = drafts.comments(document)
        statuses = Counter(p.status.value for p in proposals)
        print(f"{document}: {len(proposals)} proposals "
              f"({', '.join(f'{n} {s}' for s, n in sorted(statuses.items()))}), "
              f"{len(comments)} comments")
        for p in proposals:
            parties |= {*p.parties, *p.supporters, *p.opponents}
        for c in comments:
            parties |= {c.party, *(r.party for r in c.replies)}
        zero = [f"{p.id} ({p.label})" for p in proposals if p.revision == "zero-draft"]
        print(f"  written against the zero draft: {', '.join(zero)}")
        decisions = Counter(d.action.value for d in drafts.decisions(document))
        print(f"  decisions: {', '.join(f'{n} {a}' for a, n in sorted(decisions.items()))}")
        flagged = [f"{p.id} ({p.label})" for p in proposals if p.reopens_agreed]
        print(f"  reopening agreed text: {', '.join(flagged) or 'none'}")
    print(f"parties ({len(parties)}): {' '.join(sorted(parties))}")
    for what, keys in PLANTED.items():
        print(f"{what}: {' / '.join(ids[k] for k in keys)}")


def main(argv: list[str]) -> int:
    drafts = open_drafts(argv[1] if len(argv) > 1 else REPO_DRAFTS)
    for document in PROPOSALS:
        if drafts.proposals(document) or drafts.comments(document) or \
                drafts.decisions(document):
            print(f"{drafts.root}: {document} already has proposals, comments or decisions; "
                  f"this script only fills an empty folder", file=sys.stderr)
            return 1
    ids: dict[str, str] = {}
    make_proposals(drafts, ids)
    make_comments(drafts, ids)
    make_decisions(drafts)
    report(drafts, ids)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
