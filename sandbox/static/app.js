// Progressive enhancement only: every page works without JavaScript.
import { initAll } from './vendor/govuk/govuk-frontend.min.js'

initAll()

// A form marked data-submit-once is sent once: pressing its button again (a double click)
// while the next page is on its way does nothing. The server refuses a repeat anyway; this
// spares the person being told so. Listening on the document covers forms that are
// swapped in later (the trainer's room), and coming back to the page (Back) lets it be
// sent again.
document.addEventListener('submit', (event) => {
  const form = event.target
  if (event.defaultPrevented || !(form instanceof HTMLFormElement) ||
      !form.hasAttribute('data-submit-once')) return
  if (form.dataset.sending) {
    event.preventDefault()
    return
  }
  form.dataset.sending = 'true'
  for (const button of form.querySelectorAll('button')) button.setAttribute('aria-disabled', 'true')
})

window.addEventListener('pageshow', () => {
  for (const form of document.querySelectorAll('form[data-sending]')) {
    delete form.dataset.sending
    for (const button of form.querySelectorAll('button')) button.removeAttribute('aria-disabled')
  }
})
