import fs from 'node:fs'
import { chromium, type Browser, type Page } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'
export const SCREENSHOTS = 'test-results/seat-picker'

export const launchBrowser = () =>
  chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  })

export type Look = 'available' | 'selected' | 'mine' | 'locked' | 'booked' | 'conflict'

/** One person at the seat picker: a browser context of their own, driven the way they would. */
export class Picker {
  /** Uncaught exceptions in the page; a test ends by checking there were none. */
  readonly pageErrors: string[] = []

  private constructor(
    readonly page: Page,
    readonly name: string,
  ) {
    page.on('pageerror', (err) => this.pageErrors.push(err.message))
  }

  static async open(browser: Browser, baseUrl: string, name: string, viewport = { width: 1200, height: 860 }) {
    const context = await browser.newContext({ viewport })
    return new Picker(await context.newPage(), name).goto(baseUrl)
  }

  async goto(url: string) {
    await this.page.goto(url)
    return this
  }

  async logIn(user: { email: string; password: string }) {
    await this.page.getByLabel('Email').fill(user.email)
    await this.page.getByLabel('Password').fill(user.password)
    await this.page.getByRole('button', { name: 'Log in' }).click()
    await this.page.getByRole('heading', { name: 'Upcoming shows' }).waitFor()
  }

  async openShow(title: string) {
    await this.page.getByRole('link', { name: title }).click()
    await this.page.locator('.seat').first().waitFor()
    await this.page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor()
  }

  seat(seatNumber: string) {
    return this.page.locator(`.seat[data-seat="${seatNumber}"]`)
  }

  /** Waits until every listed seat is drawn with `look`. */
  async expectLook(seatNumbers: string[], look: Look, timeout = 5_000) {
    for (const n of seatNumbers) await this.page.locator(`.seat[data-seat="${n}"][data-look="${look}"]`).waitFor({ timeout })
  }

  async expectNotice(code: string, timeout = 5_000) {
    const notice = this.page.locator(`[data-testid="notice"][data-code="${code}"]`)
    await notice.waitFor({ timeout })
    return (await notice.textContent()) ?? ''
  }

  async select(...seatNumbers: string[]) {
    for (const n of seatNumbers) await this.seat(n).click()
  }

  async hold() {
    await this.page.getByTestId('hold').click()
  }

  async pay(card: 'test card' | 'declined card') {
    const name = card === 'test card' ? 'Pay with test card' : 'Pay with a card that is declined'
    await this.page.getByRole('button', { name }).click()
  }

  async screenshot(step: string) {
    fs.mkdirSync(SCREENSHOTS, { recursive: true })
    await this.page.screenshot({ path: `${SCREENSHOTS}/${step}-${this.name}.png`, fullPage: true })
  }

  async close() {
    await this.page.context().close()
  }
}
