# The floor of the stack: PyScript has started MicroPython and run this file.
# One DOM write, the same marker the workbook sets as its last step.
from pyscript import document

document.body.setAttribute("data-ready", "1")
