import { expect, test } from '@playwright/test';
import {
  PROBLEM,
  personByEmail,
  reportToPreview,
  signIn,
  withHostDatabase
} from './roster-support';

// Finding 4: a removed person's signed entry, served again by the host.
test.describe.configure({ mode: 'serial' });

const REMOVED = 'samuel.adeyemi@riverside.example';

test('a person removed by an admin is not trusted when the host serves them again', async ({
  browser,
  page
}) => {
  const admin = await signIn(browser, 'admin@riverside.example');
  await admin.getByRole('navigation').getByRole('link', { name: 'People' }).click();
  const version = admin.getByTestId('roster-list-version');
  await expect(version).toBeVisible({ timeout: 30_000 });
  const before = await version.textContent();
  admin.once('dialog', (dialog) => void dialog.accept());
  await admin.getByTestId(`person-${REMOVED}`).getByRole('button', { name: 'Remove' }).click();
  // The admin's browser signs a new list without them.
  await expect(version).not.toHaveText(before!, { timeout: 30_000 });
  const person = await withHostDatabase((sql) => personByEmail(sql, REMOVED));
  expect(person.status).toBe('removed');
  expect(person.roster_signature).not.toBeNull();

  // The host brings the row back: the old signed entry still verifies on its own.
  await withHostDatabase((sql) => sql`update people set status = 'active' where id = ${person.id}`);
  try {
    await reportToPreview(page);
    await expect(page.getByTestId('roster-problem')).toContainText(PROBLEM);
    await expect(page.getByTestId('roster-problem')).toContainText(
      'not on the signed list of people'
    );
    await expect(page.getByTestId('send-report')).toHaveCount(0);
  } finally {
    // Put Samuel back as an admin would: active again, and a new signed list with him on it.
    const response = await admin.request.patch(`/staff/api/people/${person.id}`, {
      data: { status: 'active' }
    });
    expect(response.ok()).toBe(true);
    const shown = await version.textContent();
    await admin.getByRole('navigation').getByRole('link', { name: 'Inbox' }).click();
    await admin.getByRole('navigation').getByRole('link', { name: 'People' }).click();
    await expect(admin.getByTestId('roster-list-version')).not.toHaveText(shown!, {
      timeout: 30_000
    });
  }
});
