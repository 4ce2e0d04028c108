import fs from 'node:fs'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/app.ts'
import { CHROMIUM, launchBrowser, Picker } from './picker.ts'
import { controlSocket, type SocketControl } from './socket-control.ts'
import { otherCustomer } from './other-customer.ts'

const hasChromium = fs.existsSync(CHROMIUM)
if (!hasChromium) console.warn(`Skipping the seat picker browser tests: no Chromium at ${CHROMIUM} (CI installs it there).`)

let browser: Browser
beforeAll(async () => {
  if (!hasChromium) return
  // The client as it is in the working tree, not whatever the last `npm install` built.
  await build({ configFile: path.resolve('web/vite.config.ts'), logLevel: 'warn' })
  browser = await launchBrowser()
}, 120_000)
afterAll(() => browser?.close())

/** A running stack serving the seat picker, and a show on it. */
async function stage(env: Record<string, string> = {}) {
  const app = await createTestApp(env)
  await app.startWorker()
  const { url } = await app.listen()
  const show = await app.factory.show({ seats: 20, perRow: 10 })
  return { app, show, baseUrl: url.replace(/graphql$/, '') }
}

describe.skipIf(!hasChromium)('seat picker: two people on one show', () => {
  let app: TestApp
  let show: Awaited<ReturnType<typeof stage>>['show']
  let a: Picker
  let b: Picker
  let bSocket: SocketControl
  let carol: Awaited<ReturnType<typeof otherCustomer>>

  beforeAll(async () => {
    let baseUrl: string
    ;({ app, show, baseUrl } = await stage())
    a = await Picker.open(browser, baseUrl, 'a')
    b = await Picker.open(browser, baseUrl, 'b')
    bSocket = await controlSocket(b.page)
    carol = await otherCustomer(app, show)
    await a.logIn(await app.factory.user())
    await b.logIn(await app.factory.user())
    await a.openShow(show.movie.title)
    await b.openShow(show.movie.title)
  }, 60_000)
  afterAll(async () => {
    await a?.close()
    await b?.close()
    await app?.close()
  })

  it('A picks two seats with the keyboard and holds them; B sees them locked within a second', async () => {
    await a.seat('A1').focus()
    await a.page.keyboard.press('Enter')
    await a.page.keyboard.press('ArrowRight')
    await a.page.keyboard.press('Space')
    await a.expectLook(['A1', 'A2'], 'selected')
    expect(await a.seat('A2').getAttribute('aria-label')).toBe('Seat A2, selected by you')
    await a.hold()
    await a.expectLook(['A1', 'A2'], 'mine')
    const heldAt = Date.now()
    await b.expectLook(['A1', 'A2'], 'locked', 1_000)
    expect(Date.now() - heldAt).toBeLessThan(1_000)
    await b.page.getByRole('button', { name: 'Seat A1, held by someone else' }).waitFor()
    await a.page.getByTestId('countdown').waitFor()
    await a.screenshot('1-held')
    await b.screenshot('1-held')
  })

  it('B tries one of those seats and is told it is taken', async () => {
    // The seat is aria-disabled, which Playwright's click waits out; a person can still click it.
    await b.seat('A1').click({ force: true })
    expect(await b.expectNotice('SEAT_TAKEN')).toContain('A1 is taken')
    await b.expectLook(['A1'], 'locked')
  })

  it('a seat taken before B heard of it: the server refuses and the chart marks it', async () => {
    bSocket.pause()
    await carol.hold('A3')
    await b.select('A3')
    await b.hold()
    expect(await b.expectNotice('SEATS_UNAVAILABLE')).toContain('A3')
    await b.expectLook(['A3'], 'conflict')
    bSocket.resume()
    await b.page.getByRole('button', { name: 'Seat A3, just taken by someone else' }).waitFor()
    await b.screenshot('2-taken')
  })

  it('after a dropped connection B resubscribes from its last version and catches up', async () => {
    const version = await carol.seatMapVersion()
    await bSocket.drop()
    await b.page.getByTestId('connection').filter({ hasText: 'Reconnecting' }).waitFor()
    await b.screenshot('3-reconnecting')
    await carol.cancel()
    bSocket.allowReconnect()
    await b.expectLook(['A3'], 'available', 15_000)
    await b.page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor()
    expect(bSocket.seatMapSubscribes().at(-1)?.variables).toEqual({ showId: show.globalId, sinceVersion: version })
  })

  it('when the server can no longer replay, B reloads the seat map and stays live', async () => {
    const reloads: string[] = []
    b.page.on('request', (r) => r.postData()?.includes('"PickerShow"') && reloads.push(r.url()))
    await bSocket.drop()
    await carol.hold('A4')
    await app.prisma.seatMapChange.deleteMany({ where: { showId: show.id } }) // as retention would
    bSocket.allowReconnect()
    await b.expectLook(['A4'], 'locked', 15_000)
    expect(reloads.length).toBeGreaterThan(0)
    await carol.cancel()
    await b.expectLook(['A4'], 'available')
  })

  it('A pays: A gets a booking code and both charts show the seats booked', async () => {
    await a.pay('test card')
    const code = a.page.getByTestId('booking-code').filter({ hasText: /^[2-9A-Z]{8}$/ })
    await code.waitFor({ timeout: 10_000 })
    await a.expectLook(['A1', 'A2'], 'booked')
    await b.expectLook(['A1', 'A2'], 'booked')
    await a.screenshot('4-booked')
    await b.screenshot('4-booked')
  })

  it('A cancels from My bookings: both charts show the seats free', async () => {
    await a.page.getByRole('link', { name: 'My bookings' }).click()
    await a.page.locator('.booking-card[data-status="CONFIRMED"]').getByRole('button', { name: /^Cancel and refund: A1/ }).click()
    const cancelled = a.page.locator('.booking-card[data-status="CANCELLED"]')
    await cancelled.waitFor()
    expect(await cancelled.locator('.status').textContent()).toBe('Cancelled, refunded')
    expect(await cancelled.locator('.booking-code').count()).toBe(0) // no longer a ticket
    await b.expectLook(['A1', 'A2'], 'available')
    await a.page.goBack()
    await a.expectLook(['A1', 'A2'], 'available')
  })

  it('a declined payment frees the seats on both charts', async () => {
    await a.select('B1')
    await a.hold()
    await a.expectLook(['B1'], 'mine')
    await b.expectLook(['B1'], 'locked', 1_000)
    await a.pay('declined card')
    expect(await a.expectNotice('PAYMENT_DECLINED', 10_000)).toMatch(/declined/)
    await a.expectLook(['B1'], 'available')
    await b.expectLook(['B1'], 'available')
    await a.screenshot('5-declined')
  })

  it('rate limiting and going offline are explained, and a retry then succeeds', async () => {
    await a.page.getByRole('button', { name: 'Pick seats again' }).click()
    await a.page.route('**/graphql', (route) =>
      route.request().postData()?.includes('"PickerBookSeats"')
        ? route.fulfill({ status: 429, contentType: 'application/json', body: JSON.stringify({ errors: [{ message: 'Slow down', extensions: { code: 'RATE_LIMITED' } }] }) })
        : route.fallback())
    await a.select('B2')
    await a.hold()
    expect(await a.expectNotice('RATE_LIMITED')).toMatch(/wait a few seconds/i)
    await a.page.unroute('**/graphql')

    await a.page.context().setOffline(true)
    await a.page.getByTestId('connection').filter({ hasText: 'Offline' }).waitFor()
    await a.hold()
    expect(await a.expectNotice('OFFLINE')).toMatch(/offline/i)
    await a.expectLook(['B2'], 'selected')
    await a.screenshot('6-offline')
    await a.page.context().setOffline(false)
    await a.hold()
    await a.expectLook(['B2'], 'mine')
    await b.expectLook(['B2'], 'locked')
    await a.page.getByRole('button', { name: 'Release seats' }).click()
    await a.expectLook(['B2'], 'available')
    await b.expectLook(['B2'], 'available')
  })

  it('a hold whose answer was lost is picked up as the customer\'s own, not shown as taken', async () => {
    let answered = false
    await a.page.route('**/graphql', async (route) => {
      if (!route.request().postData()?.includes('"PickerBookSeats"')) return route.fallback()
      await route.fetch() // the server makes the hold…
      answered = true
      await route.abort('connectionreset') // …and its answer never arrives
    })
    await a.select('B3')
    await a.hold()
    const release = a.page.getByRole('button', { name: 'Release seats' })
    await release.waitFor() // the booking panel: the hold was found and is followed
    expect(answered).toBe(true)
    await a.expectLook(['B3'], 'mine')
    await b.expectLook(['B3'], 'locked')
    expect(await a.page.locator('[data-testid="notice"][data-code="NETWORK"]').count()).toBe(0)
    await a.page.unroute('**/graphql')
    await release.click()
    await a.expectLook(['B3'], 'available')
  })

  it('had no uncaught errors in either page', () => {
    expect([...a.pageErrors, ...b.pageErrors]).toEqual([])
  })
})

describe.skipIf(!hasChromium)('seat picker: a hold that runs out', () => {
  let app: TestApp
  let a: Picker
  let b: Picker

  beforeAll(async () => {
    const staged = await stage({ SEAT_LOCK_EXPIRY: String(3 / 60) })
    app = staged.app
    a = await Picker.open(browser, staged.baseUrl, 'expiry-a')
    b = await Picker.open(browser, staged.baseUrl, 'expiry-b')
    await a.logIn(await app.factory.user())
    await b.logIn(await app.factory.user())
    await a.openShow(staged.show.movie.title)
    await b.openShow(staged.show.movie.title)
  }, 60_000)
  afterAll(async () => {
    await a?.close()
    await b?.close()
    await app?.close()
  })

  it('frees the seats on both charts and tells the holder', async () => {
    await a.select('A5', 'A6')
    await a.hold()
    await a.expectLook(['A5', 'A6'], 'mine')
    await b.expectLook(['A5', 'A6'], 'locked', 1_000)
    await a.page.getByTestId('countdown').waitFor()
    expect(await a.expectNotice('HOLD_EXPIRED', 15_000)).toMatch(/ran out/)
    await a.page.locator('[data-testid="booking-panel"][data-status="EXPIRED"]').waitFor()
    await a.expectLook(['A5', 'A6'], 'available')
    await b.expectLook(['A5', 'A6'], 'available')
    await a.screenshot('7-expired')
    expect([...a.pageErrors, ...b.pageErrors]).toEqual([])
  })
})
