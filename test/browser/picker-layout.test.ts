import fs from 'node:fs'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/app.ts'
import { hold } from '../support/booking-helpers.ts'
import { CHROMIUM, launchBrowser, Picker } from './picker.ts'

const hasChromium = fs.existsSync(CHROMIUM)

let browser: Browser
let app: TestApp
let baseUrl: string
beforeAll(async () => {
  if (!hasChromium) return
  await build({ configFile: path.resolve('web/vite.config.ts'), logLevel: 'warn' })
  browser = await launchBrowser()
  app = await createTestApp()
  baseUrl = (await app.listen()).url.replace(/graphql$/, '')
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await app?.close()
})

/** A new customer, logged in, on the page of a new ten-seat show. */
async function customerOnNewShow(name: string) {
  const show = await app.factory.show({ seats: 10 })
  const buyer = await Picker.open(browser, baseUrl, name)
  await buyer.logIn(await app.factory.user())
  await buyer.openShow(show.movie.title)
  return { show, buyer }
}

describe.skipIf(!hasChromium)('seat picker: layout and keyboard', () => {
  it('on a phone, fits the screen and every seat of a wide row can be scrolled to and picked', async () => {
    const show = await app.factory.show({ seats: 40, perRow: 20 })
    const phone = await Picker.open(browser, baseUrl, 'phone', { width: 390, height: 844 })
    try {
      await phone.logIn(await app.factory.user())
      await phone.openShow(show.movie.title)
      expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
      const slot = (await phone.page.locator('.chart-slot').boundingBox())!
      for (const seat of ['A1', 'A20']) {
        await phone.seat(seat).scrollIntoViewIfNeeded()
        const box = (await phone.seat(seat).boundingBox())!
        expect(box.x).toBeGreaterThanOrEqual(slot.x)
        expect(box.x + box.width).toBeLessThanOrEqual(slot.x + slot.width)
      }
      await phone.select('A1')
      await phone.expectLook(['A1'], 'selected')
      await phone.screenshot('phone-wide-row')
      expect(phone.pageErrors).toEqual([])
    } finally {
      await phone.close()
    }
  })

  it('keeps the keyboard on the pay button while somebody else changes the chart', async () => {
    const { show, buyer } = await customerOnNewShow('keyboard')
    try {
      await buyer.select('A1')
      await buyer.hold()
      const pay = buyer.page.getByRole('button', { name: 'Pay with test card' })
      await pay.focus()
      await hold(app, await app.factory.user(), show, [5])
      await buyer.expectLook(['A6'], 'locked')
      expect(await buyer.page.evaluate(() => document.activeElement?.textContent)).toBe('Pay with test card')
      await buyer.page.getByRole('button', { name: 'Release seats' }).click()
      await buyer.expectLook(['A1'], 'available')
      // The outcome is announced where the keyboard is: the panel's heading, not the page's start.
      await buyer.page.getByRole('heading', { name: 'Booking cancelled' }).waitFor()
      expect(await buyer.page.evaluate(() => document.activeElement?.textContent)).toBe('Booking cancelled')
      expect(buyer.pageErrors).toEqual([])
    } finally {
      await buyer.close()
    }
  })

  it('keeps the keyboard on Hold while the hold is being sent, then moves it to the held seats', async () => {
    const { buyer } = await customerOnNewShow('busy-keyboard')
    try {
      await buyer.select('A2')
      let release = () => {}
      const answerHeld = new Promise<void>((resolve) => (release = resolve))
      await buyer.page.route('**/graphql', async (route) => {
        if (!route.request().postData()?.includes('"PickerBookSeats"')) return route.fallback()
        await answerHeld // a slow network: the answer takes its time
        await route.fallback()
      })
      await buyer.page.getByTestId('hold').focus()
      await buyer.page.keyboard.press('Enter')
      await buyer.page.getByTestId('hold').filter({ hasText: 'Holding…' }).waitFor()
      expect(await buyer.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('hold')
      release()
      await buyer.page.getByRole('heading', { name: 'Your seats are held' }).waitFor()
      expect(await buyer.page.evaluate(() => document.activeElement?.textContent)).toBe('Your seats are held')
      await buyer.page.unroute('**/graphql')
      expect(buyer.pageErrors).toEqual([])
    } finally {
      await buyer.close()
    }
  })

  it('a page opened offline loads once back online, and the offline message goes', async () => {
    const user = await app.factory.user()
    await hold(app, user, await app.factory.show({ seats: 2 }), [0])
    const visitor = await Picker.open(browser, baseUrl, 'offline')
    try {
      await visitor.logIn(user)
      await visitor.page.context().setOffline(true)
      await visitor.page.getByRole('link', { name: 'My bookings' }).click()
      await visitor.expectNotice('OFFLINE')
      await visitor.page.context().setOffline(false)
      await visitor.page.locator('.booking-card').first().waitFor()
      expect(await visitor.page.locator('[data-testid="notice"][data-code="OFFLINE"]').count()).toBe(0)
      expect(visitor.pageErrors).toEqual([])
    } finally {
      await visitor.close()
    }
  })

  it('"Skip to content" moves the keyboard to the page, not to another page', async () => {
    const visitor = await Picker.open(browser, baseUrl, 'skip')
    try {
      await visitor.logIn(await app.factory.user())
      const before = visitor.page.url()
      await visitor.page.getByRole('link', { name: 'Skip to content' }).focus()
      await visitor.page.keyboard.press('Enter')
      expect(await visitor.page.evaluate(() => document.activeElement?.id)).toBe('app')
      expect(visitor.page.url()).toBe(before)
      await visitor.page.getByRole('heading', { name: 'Upcoming shows' }).waitFor()
    } finally {
      await visitor.close()
    }
  })
})

describe.skipIf(!hasChromium)('seat picker: one customer, two windows', () => {
  it('takes up a hold made elsewhere when the customer picks one of its seats, instead of calling it taken', async () => {
    const user = await app.factory.user()
    const show = await app.factory.show({ seats: 6 })
    const second = await Picker.open(browser, baseUrl, 'second-window')
    try {
      await second.logIn(user)
      await second.openShow(show.movie.title)
      await hold(app, user, show, [2])
      await second.expectLook(['A3'], 'locked')
      // A held seat is aria-disabled, yet a click on it still reaches the page, as it would a person's.
      await second.seat('A3').click({ force: true })
      await second.expectLook(['A3'], 'mine')
      await second.page.getByRole('heading', { name: 'Your seats are held' }).waitFor()
      expect(await second.page.locator('[data-testid="notice"][data-code="SEAT_TAKEN"]').count()).toBe(0)
      expect(second.pageErrors).toEqual([])
    } finally {
      await second.close()
    }
  })
})
