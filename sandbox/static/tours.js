// The guided tour on the real pages. driver.js highlights the element a step is about;
// this layer moves the tour on when the person does the real thing (opens the page,
// clicks the element; saving and submitting a form are seen by the server), keeps the
// server told (so the tour carries on from page to page, and the figures count where
// people leave), moves focus into each step, announces it in a live region, and ends the
// tour on Escape. Without JavaScript the tour is its list of steps (/learning/tours/KEY),
// and the bar at the top of the page still says where it is and ends it.
import { driver } from './vendor/driver/driver.js.mjs'

// The list page's "Start the guided tour" needs this script, so it is shown by it.
const starter = document.getElementById('tour-start')
if (starter) starter.hidden = false

const source = document.getElementById('tour-data')
if (source) run(JSON.parse(source.textContent), source.dataset.csrf)

function run (tour, csrf) {
  const announce = document.getElementById('tour-announce')
  const bar = document.getElementById('tour-bar')
  const barNumber = document.getElementById('tour-bar-number')
  const barStep = document.getElementById('tour-bar-step')
  const barWhere = document.getElementById('tour-bar-where')
  const barFrom = document.getElementById('tour-bar-from')
  let index = tour.step
  let shown = null // the step highlighted on this page, if any
  let highlighter = null

  // Tell the server; it answers where the run is now (a second press moves nothing).
  async function tell (fields) {
    const body = new FormData()
    body.set('csrf_token', csrf)
    for (const [key, value] of Object.entries(fields)) body.set(key, String(value))
    try {
      const response = await fetch(tour.move_url, {
        method: 'POST', body, credentials: 'same-origin', keepalive: true,
        headers: { Accept: 'application/json' }
      })
      return response.ok ? await response.json() : null
    } catch (error) {
      return null // the page goes on; the bar and the list still work
    }
  }

  function say (text) {
    // Emptied first, so the same words said twice are still announced.
    announce.textContent = ''
    window.setTimeout(() => { announce.textContent = text }, 50)
  }

  // A title as the start of a sentence: "Sorted there and then?" takes no full stop.
  function stop (title) {
    return /[.?!]$/.test(title) ? title : `${title}.`
  }

  function anchor (step) {
    return document.querySelector(`[data-tour="${step.anchor}"]`)
  }

  function escapeHtml (text) {
    const holder = document.createElement('div')
    holder.textContent = text
    return holder.innerHTML
  }

  // The bar says the step and where it is, all of it (the server draws it right; this
  // keeps it right as the tour moves on without a new page).
  function updateBar () {
    const step = tour.steps[index]
    if (!step) return
    if (barNumber) barNumber.textContent = String(index + 1)
    if (barStep) barStep.textContent = step.title
    if (barWhere) barWhere.textContent = step.page === tour.here ? '' : ` (on ${step.where})`
    if (barFrom) barFrom.value = String(index)
  }

  // The link a step leads on by: the element itself, or the link inside it the page marks
  // for the page the step opens (data-tour-goes), never just the first link in it.
  function leadsTo (step, element) {
    if (!element) return null
    if (element.matches('a[href]')) return element
    const goes = step.opens ? `a[href][data-tour-goes="${step.opens}"]` : 'a[href][data-tour-goes]'
    return element.querySelector(goes)
  }

  function asDiv (element) {
    const div = document.createElement('div')
    for (const { name, value } of element.attributes) div.setAttribute(name, value)
    div.append(...element.childNodes)
    element.replaceWith(div)
    return div
  }

  // When the tour ends, focus goes back to the page, on the element the step was about.
  function focusBack (element) {
    const target = element && (element.matches('a[href], button, input, select, textarea')
      ? element : element.querySelector('a[href], button, input, select, textarea'))
    if (target) target.focus({ preventScroll: true })
  }

  function close () {
    shown = null
    if (highlighter) {
      const active = highlighter
      highlighter = null
      active.destroy()
    }
  }

  async function moveTo (next) {
    const from = index
    const answer = await tell({ from, to: next })
    index = answer && answer.status === 'running' ? answer.step : next
    return answer
  }

  function finished () {
    const element = shown !== null ? anchor(tour.steps[shown]) : null
    close()
    focusBack(element)
    if (bar) bar.hidden = true
    say(`Tour finished: ${tour.title}. Well done.`)
  }

  async function leave () {
    const element = shown !== null ? anchor(tour.steps[shown]) : null
    close()
    focusBack(element)
    await tell({ from: index, leave: 1 })
    if (bar) bar.hidden = true
    say(`Tour ended: ${tour.title}. You can take it again from Learning.`)
  }

  // Where the next step is: on this page (show it), or elsewhere (the bar says where).
  function afterMove (answer) {
    if (index >= tour.total || (answer && answer.status === 'finished')) return finished()
    const step = tour.steps[index]
    updateBar()
    if (step.page === tour.here) return show(index)
    close()
    say(`Step ${index + 1} of ${tour.total}: ${stop(step.title)} It is on another page.`)
  }

  async function next () {
    const step = tour.steps[index]
    const element = shown === index ? anchor(step) : null
    const link = leadsTo(step, element)
    const following = tour.steps[index + 1]
    // A step that leads to another page: Next follows the element's link there.
    if (link && !link.target && (!following || following.page !== tour.here) &&
        (step.advance === 'click' || step.advance === 'open')) {
      if (step.advance === 'click') await moveTo(index + 1)
      window.location.assign(link.href)
      return
    }
    afterMove(await moveTo(index + 1))
  }

  function show (i) {
    const step = tour.steps[i]
    const element = anchor(step)
    close()
    if (!element) {
      say(`Step ${i + 1} of ${tour.total}: ${stop(step.title)} ${step.text}`)
      return
    }
    shown = i
    const last = i === tour.total - 1
    const button = last ? 'Finish' : 'Next'
    const doing = { click: 'Do it on the page', open: 'Do it on the page', save: 'Save the form', submit: 'Submit the form' }[step.advance]
    const doingText = doing ? `${doing}, or choose ${button}.` : ''
    highlighter = driver({
      animate: false,
      allowClose: true,
      // Escape is ours (below): driver.js's arrow keys would also fire while typing.
      allowKeyboardControl: false,
      overlayOpacity: 0.25,
      stagePadding: 6,
      // A click outside is someone reaching for the page, not ending the tour.
      overlayClickBehavior: () => {},
      popoverClass: 'app-tour-popover',
      onDestroyStarted: () => { leave() },
      // driver.js marks the highlighted element as opening a dialog; on a section of the
      // page (a form, a list) those attributes are not allowed, and the step is announced
      // in the live region anyway.
      onHighlighted: (highlighted) => {
        for (const name of ['aria-haspopup', 'aria-expanded', 'aria-controls']) {
          highlighted?.removeAttribute(name)
        }
      },
      onPopoverRender: (popover) => {
        // driver.js draws the step's title and buttons in <header> and <footer>, which
        // would be a second banner and footer landmark on the page: plain divs instead.
        const title = asDiv(popover.title)
        asDiv(popover.footer)
        // Focus moves into the step, so a screen reader reads it; Tab goes on to the
        // highlighted element and back (driver.js keeps focus between the two).
        title.setAttribute('tabindex', '-1')
        popover.closeButton.setAttribute('aria-label', 'End the tour')
        popover.closeButton.innerHTML = '&times;'
        window.setTimeout(() => title.focus(), 0)
      }
    })
    highlighter.highlight({
      element,
      popover: {
        title: escapeHtml(step.title),
        description: `${escapeHtml(step.text)}${doingText ? `<span class="app-tour-popover__doing">${doingText}</span>` : ''}`,
        showButtons: ['next', 'close'],
        progressText: `Step ${i + 1} of ${tour.total}`,
        showProgress: true,
        nextBtnText: button,
        onNextClick: () => { next() },
        onCloseClick: () => { leave() }
      }
    })
    say(`Step ${i + 1} of ${tour.total}: ${stop(step.title)} ${step.text}`)
  }

  // The real action: a click on (or inside) the highlighted element.
  document.addEventListener('click', async (event) => {
    if (shown === null) return
    const step = tour.steps[shown]
    if (step.advance !== 'click') return
    const element = anchor(step)
    if (!element || !element.contains(event.target) || event.target.closest('.driver-popover')) return
    // The element's own link or button (or the element itself); a click on its text
    // or a label is not the thing the step asks for.
    const control = event.target.closest('a[href], button, input[type=submit]')
    if (!control || !element.contains(control)) return
    if (control.matches('a[target]')) { // a new tab: this page stays as it is
      afterMove(await moveTo(index + 1))
      return
    }
    if (control.dataset.tourReplayed) return
    event.preventDefault()
    const answer = await moveTo(index + 1)
    close()
    if (control.matches('a[href]')) {
      window.location.assign(control.href)
    } else if (control.form && control.type === 'submit') {
      control.dataset.tourReplayed = 'true'
      control.form.requestSubmit(control)
    } else {
      afterMove(answer)
    }
  }, true)

  // driver.js keeps Tab between the step and the highlighted element. That holds while
  // focus is in the step (Tab goes on to the element); from anywhere else on the page
  // Tab moves as it always does, so a keyboard can fill in the form the step waits for.
  // (Capture, on window: before driver.js's own listener there.)
  window.addEventListener('keydown', (event) => {
    if (event.key === 'Tab' && highlighter && !event.target.closest?.('.driver-popover')) {
      event.stopImmediatePropagation()
    }
  }, true)

  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && highlighter) {
      event.preventDefault()
      leave()
    }
  })

  // The form on this page was sent: the next step comes with the next page.
  document.addEventListener('submit', () => close())

  async function begin () {
    const step = tour.steps[index]
    // Arriving on the page a step asked for moves the tour on.
    if (step.advance === 'open' && step.opens === tour.here && step.page !== tour.here) {
      afterMove(await moveTo(index + 1))
      return
    }
    if (step.page === tour.here) show(index)
  }
  begin()
}
