// Saves a draft form on the server as the person types: a few seconds after a change, and
// when they leave a field. Without JavaScript the "Save as draft" button does the same.
const form = document.querySelector('form[data-autosave-url]')

if (form) {
  const status = document.getElementById('save-status')
  const revision = form.querySelector('input[name="revision"]')
  const DELAY_MS = 3000
  let dirty = false
  let saving = false
  let timer = null
  let leaving = false

  const say = (text) => { if (status) status.textContent = text }

  async function save () {
    if (!dirty || saving || leaving) return
    saving = true
    dirty = false
    const data = new FormData(form)
    data.delete('action')
    try {
      const response = await fetch(form.dataset.autosaveUrl, {
        method: 'POST', body: data, credentials: 'same-origin', headers: { Accept: 'application/json' }
      })
      // The person pressed Submit (or Save) while this save was on its way: that request
      // carries every answer, and sending the form again would cancel it.
      if (leaving) return
      if (response.status === 409) {
        // Someone else saved: send the whole form, which shows both versions side by side.
        say('This form was changed elsewhere. Showing both versions…')
        const keep = document.createElement('input')
        keep.type = 'hidden'; keep.name = 'action'; keep.value = 'save'
        form.appendChild(keep)
        form.submit()
        return
      }
      if (!response.ok) throw new Error(String(response.status))
      const body = await response.json()
      revision.value = body.revision
      say('Draft saved at ' + body.saved_at + '.')
    } catch (error) {
      dirty = true
      say('Could not save just now; your answers are still on this page. Trying again shortly.')
    } finally {
      saving = false
    }
  }

  function changed () {
    dirty = true
    clearTimeout(timer)
    timer = setTimeout(save, DELAY_MS)
  }

  // The form's own submit carries everything: no autosave after it.
  form.addEventListener('submit', () => { leaving = true; clearTimeout(timer) })
  form.addEventListener('input', changed)
  form.addEventListener('change', changed)
  form.addEventListener('focusout', (event) => {
    // Leaving a field for one of this form's buttons: the button's own request carries
    // the answers, so a save now would only race it.
    const next = event.relatedTarget
    if (next && next.form === form && next.type === 'submit') return
    if (dirty) save()
  })
  // "Feedback on this page" names the question the cursor is in.
  const feedback = document.getElementById('feedback-link')
  form.addEventListener('focusin', (event) => {
    const match = /^f-([a-z0-9_]+)/.exec(event.target.name || '')
    if (!feedback || !match) return
    const url = new URL(feedback.href)
    url.searchParams.set('field_key', match[1])
    feedback.href = url.toString()
  })
  window.addEventListener('pagehide', () => {
    if (dirty && !leaving) navigator.sendBeacon(form.dataset.autosaveUrl, new FormData(form))
  })
}
