// Keeps the scenario panel up to date while the trainee works: every few seconds it asks
// the server whether the step's check now passes. Without JavaScript, "Check my work" does it.
const panel = document.getElementById('scenario-panel')

if (panel) {
  const INTERVAL_MS = 4000
  async function refresh () {
    const current = document.getElementById('scenario-panel')
    try {
      const response = await fetch(current.dataset.panelUrl, { credentials: 'same-origin' })
      if (response.status !== 200) return
      const html = await response.text()
      const holder = document.createElement('div')
      holder.innerHTML = html
      const fresh = holder.querySelector('#scenario-panel')
      if (fresh && fresh.dataset.step !== current.dataset.step) {
        current.replaceWith(fresh)
        const summary = document.getElementById('scenario-summary-text')
        if (summary) summary.textContent = fresh.dataset.summary
        fresh.querySelector('h3, h2').setAttribute('tabindex', '-1')
      }
    } catch (error) {
      // The panel stays as it is; "Check my work" still works.
    }
  }
  setInterval(refresh, INTERVAL_MS)
}
