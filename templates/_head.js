{% include "_remember_language.js" %}
{% include "_keep_early_edits.js" %}
