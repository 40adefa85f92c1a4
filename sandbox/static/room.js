// Keeps the trainer's room up to date: every 15 seconds it fetches the page again and
// swaps in the table of seats and the failing checks. Without JavaScript, use "Refresh".
const INTERVAL_MS = 15000
const parts = ['room', 'failing']

async function refresh () {
  try {
    const response = await fetch(window.location.href, { credentials: 'same-origin' })
    if (!response.ok) return
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html')
    for (const id of parts) {
      const now = document.getElementById(id)
      const next = fresh.getElementById(id)
      if (now && next && now.innerHTML !== next.innerHTML) now.replaceWith(next)
    }
  } catch (error) {
    // Keep what is on screen; the next attempt may work.
  }
}

if (document.getElementById('room')) setInterval(refresh, INTERVAL_MS)
