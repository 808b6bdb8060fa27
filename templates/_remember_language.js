{# Runs inline, before anything else loads: a user who chose English last
   time goes straight to the English page, and opening a page in a language
   chooses it. Allowed by its hash in the page's Content-Security-Policy
   (build.inline_script_hash), so the rendered text is what is hashed. #}
try {
  const page = document.documentElement;
  const language = page.lang === "en" ? "en" : "zh";
  if (language !== "en" && localStorage.getItem("trust-workbook:language") === "en") {
    location.replace(page.dataset.englishPage);
  } else {
    localStorage.setItem("trust-workbook:language", language);
  }
} catch (storageBlocked) {
  // No storage, no remembered choice: stay on the default language.
}
