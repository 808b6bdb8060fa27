# Page glue: the printed handout. Fills the printout's cover, stage plan,
# why the client may not sign yet, the people's motives and the tables
# from the workbook just before printing; what they say is
# view.handout_view()'s.
from pyscript import document
from pyscript.ffi import is_none

import dom
import map_painter
import view


def put_in_place():
    """The handout, out of the <template> it waits in until printing
    (templates/_handout.html); once."""
    template = document.querySelector("template[data-handout-template]")
    if not is_none(template):
        template.replaceWith(template.content)


def fill_handout(workbook, participant, texts, model, result):
    """The printout's cover, stage plan and tables, from the workbook now
    and `result`, its score."""
    put_in_place()
    facts = {"participant": participant,
             "client": workbook.get("account") or workbook.get("name") or texts.ui_text("untitled"),
             "date": dom.now_iso()[:10]}
    for name in facts:
        dom.set_user_text(document.querySelector("[data-handout-field='" + name + "']"), "textContent", facts[name])
        document.querySelector("[data-handout-fact='" + name + "']").hidden = not facts[name]
    map_painter.copy_to_handout()
    handout = view.handout_view(workbook, texts, model, result)
    for element in document.querySelectorAll("[data-plan]"):
        stage, _, kind = element.getAttribute("data-plan").partition(".")
        dom.fill_list(element, handout["plan"][int(stage)][kind])
    no_plan = document.querySelector("[data-handout-no-plan]")
    no_plan.textContent = handout["no_plan"]
    no_plan.hidden = not handout["no_plan"]
    for element in document.querySelectorAll("[data-handout-plan], [data-handout-plan-help]"):
        element.hidden = bool(handout["no_plan"])
    dom.fill_list(document.querySelector("[data-handout-moves]"), handout["moves"])
    document.querySelector("[data-handout-moves-block]").hidden = len(handout["moves"]) == 0
    for section in document.querySelectorAll("[data-handout-list]"):
        rows = handout["tables"][section.getAttribute("data-handout-list")]
        body = section.querySelector("[data-handout-rows]")
        body.replaceChildren()
        for cells in rows:
            row = document.createElement("tr")
            for text in cells:
                cell = document.createElement("td")
                dom.set_user_text(cell, "textContent", text)
                row.appendChild(cell)
            body.appendChild(row)
        section.hidden = len(rows) == 0
    # Said in words when the review holds nothing, rather than an empty table.
    document.querySelector("[data-handout-review-none]").hidden = len(handout["tables"]["review"]) > 0
