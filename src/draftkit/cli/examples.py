"""An example for every command, shown at the end of its `--help` ("Examples:").

Kept in one table so that every command has one (a test walks the command tree)
and so that they read alike; each runs on the shipped drafts.
"""

from __future__ import annotations

PLAN = "vientiane-action-plan"
DECLARATION = "political-declaration"

EXAMPLES: dict[str, tuple[str, ...]] = {
    "": ("draftkit docs", f"draftkit --drafts path/to/drafts show {PLAN}"),
    "init": ("draftkit init treaty --git",),
    "new": ("draftkit new declaration --title \"Political Declaration\" --kind declaration "
            "--from zero.txt --date 2010-06-01 --symbol CCM/MSP/2010/WP.1 "
            "--distribution general --original-language English",),
    "parties": ("draftkit parties list --kind group",),
    "parties list": ("draftkit parties list", "draftkit parties list --kind state --format json"),
    "parties add": ("draftkit parties add ZMB --kind state --name Zambia",
                    "draftkit parties add GRULAC --kind group --name \"Group of Latin American "
                    "and Caribbean States\" --members \"CHL MEX PER\""),
    "parties edit": ("draftkit parties edit EU --add-member IRL",),
    "parties key": ("draftkit parties key NOR --add draftkit_nor.pub",
                    "draftkit parties key NOR"),
    "parties allowed-signers": ("draftkit parties allowed-signers -o .git/allowed_signers",),
    "verify": ("draftkit verify --since 3f2a1b4c", f"draftkit verify {PLAN} --format json"),
    "form": ("draftkit form reporting-formats --rev rev1 --format xlsx -o report.xlsx",
             "draftkit form reporting-formats --format docx -o report.docx"),
    "publish": ("draftkit publish -o site/",
                f"draftkit publish {PLAN} -o site/ --context 2"),
    "docs": ("draftkit docs",),
    "show": (f"draftkit show {PLAN}", f"draftkit show {PLAN} --para \"Action 27\" --notes",
             f"draftkit show {DECLARATION} --status open --history"),
    "log": (f"draftkit log {PLAN}",),
    "timeline": (f"draftkit timeline {PLAN}",),
    "revise": (f"draftkit export {PLAN} -o rev2.txt   # edit it, then:",
               f"draftkit revise {PLAN} --from rev2.txt --name rev2 --meeting 1msp"),
    "export": (f"draftkit export {PLAN} --rev rev1 -o rev1.txt",
               f"draftkit export {DECLARATION} --format docx -o declaration.docx",
               f"draftkit export {DECLARATION} --format pdf -o declaration.pdf"),
    "check": ("draftkit check", "draftkit check --repair"),
    "propose": (f"draftkit propose {PLAN} --para \"Action 27\" --op replace --quote "
                "\"within one year\" --text \"within two years\" --by NOR --by IRL",
                f"draftkit propose {PLAN} --para \"Action 27\" --op add --position after "
                "--text \"Ensure that survivors take part.\" --by ZMB --on-behalf-of "
                "AFRICAN-GROUP"),
    "proposals": (f"draftkit proposals {PLAN} --party EU --status proposed",
                  f"draftkit proposals {PLAN} --para \"Action 10\" --format json"),
    "support": ("draftkit support NOR-y6bx --party CHL --note \"Realistic\"",),
    "oppose": ("draftkit oppose NOR-y6bx --party MEX",),
    "withdraw": ("draftkit withdraw NOR-y6bx --party NOR",),
    "accept": ("draftkit accept NOR-y6bx --note \"Agreed in informal consultations\"",),
    "reject": ("draftkit reject NOR-y6bx --note \"No consensus\"",),
    "reopen": ("draftkit reopen NOR-y6bx --note \"Taken up again at 1MSP\"",),
    "agree": (f"draftkit agree {PLAN} --para \"Action 27\" --ad-ref --at 1msp",
              f"draftkit agree {PLAN} --para \"Action 27\" --confirm --at 1msp"),
    "comment": (f"draftkit comment {PLAN} --party CMC --type substantive --para \"Action 27\" "
                "--quote \"within one year\" --text \"Survivors need this timeline\"",),
    "reply": ("draftkit reply C-CMC-8m24 --party NOR --text \"We agree\"",),
    "dispose": ("draftkit dispose C-CMC-8m24 --disposition accepted-in-principle "
                "--observation \"See Rev.2\"",),
    "comments": (f"draftkit comments {PLAN} --format xlsx -o matrix.xlsx",
                 f"draftkit comments {PLAN} --format csv --excel -o matrix.csv",
                 f"draftkit comments {PLAN} --open --party NOR"),
    "status": (f"draftkit status {PLAN}", f"draftkit status {PLAN} --format json"),
    "diff": (f"draftkit diff {PLAN} zero-draft rev1 --changes text",
             f"draftkit diff {PLAN} --para \"Action 27\" --format unified",
             f"draftkit diff {PLAN} zero-draft rev1 --format docx -o changes.docx"),
    "merge": (f"draftkit merge {PLAN} --compile --format docx -o compilation.docx",
              f"draftkit merge {PLAN} --into rev2 --status accepted --meeting 1msp --dry-run"),
    "blame": (f"draftkit blame {PLAN} --para \"Action 27\"",),
    "import": (f"draftkit import {PLAN} norway.docx --rev rev1 --dry-run",
               f"draftkit import {PLAN} notes.docx --rev rev1 --party NOR"),
}


def examples_for(path: str) -> tuple[str, ...]:
    """The examples of a command, by its path without the program name ("parties add")."""
    return EXAMPLES.get(path, ())
