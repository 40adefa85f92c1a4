// Long work under way (templates/_progress.html): every two seconds the page is fetched
// again and the progress region's words and bar are updated in place, so the live region
// is heard step by step. When the work is done the fetched page has no progress region
// (or the page has moved on to what the work made): the whole page is then loaded.
// Without JavaScript the page reloads itself instead.
const INTERVAL_MS = 2000

async function check (region) {
  try {
    const response = await fetch(window.location.href, { credentials: 'same-origin' })
    if (!response.ok) return true
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html')
    const next = fresh.getElementById(region.id)
    if (!next || response.redirected) {
      window.location.assign(response.url)
      return false
    }
    const words = region.querySelector('[role="status"]')
    const nextWords = next.querySelector('[role="status"]')
    if (words && nextWords && words.textContent !== nextWords.textContent) {
      words.innerHTML = nextWords.innerHTML
    }
    const bar = region.querySelector('progress')
    const nextBar = next.querySelector('progress')
    if (bar && nextBar) {
      bar.max = nextBar.max
      bar.value = nextBar.value
      bar.textContent = nextBar.textContent
    }
  } catch (error) {
    // Keep what is on screen; the next attempt may work.
  }
  return true
}

for (const region of document.querySelectorAll('[data-progress][id]')) {
  const timer = setInterval(async () => {
    if (!(await check(region))) clearInterval(timer)
  }, INTERVAL_MS)
}
