// Tells the server, every few seconds, that this form is in view and in use, so the time
// actually spent on it can be counted (sandbox/timing/active.py holds the rules). A page
// hidden, or left without a key press, click, scroll or pointer move for a minute, says
// nothing; the server does not count long gaps. Without JavaScript the server counts the
// time from opening to saving instead.
const form = document.querySelector('form[data-time-url]')

if (form) {
  const everyMs = Number(form.dataset.pingSeconds || 15) * 1000
  const IN_USE_MS = 60 * 1000
  let lastUse = Date.now()
  let told = Date.now()
  let stopped = false

  function tell () {
    if (stopped) return
    told = Date.now()
    const data = new FormData()
    data.append('csrf_token', form.querySelector('input[name="csrf_token"]').value)
    data.append('sitting', form.querySelector('input[name="sitting"]').value)
    fetch(form.dataset.timeUrl, { method: 'POST', body: data, credentials: 'same-origin' })
      .then((response) => { if (response.status === 410) stopped = true })
      .catch(() => {})
  }

  function used () {
    const wasIdle = Date.now() - lastUse > IN_USE_MS
    lastUse = Date.now()
    // Coming back after a pause: say so at once rather than at the next tick.
    if (wasIdle && document.visibilityState === 'visible') tell()
  }

  for (const name of ['keydown', 'pointerdown', 'pointermove', 'scroll', 'input', 'focusin']) {
    window.addEventListener(name, used, { passive: true, capture: true })
  }
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') used()
  })
  setInterval(() => {
    const inUse = Date.now() - lastUse < IN_USE_MS
    if (document.visibilityState === 'visible' && inUse && Date.now() - told >= everyMs - 50) {
      tell()
    }
  }, Math.min(everyMs, 5000))
  form.addEventListener('submit', () => { stopped = true })
}
