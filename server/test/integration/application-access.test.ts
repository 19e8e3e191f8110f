import { createHash } from 'node:crypto';
import { createClient } from 'graphql-ws';
import sharp from 'sharp';
import WebSocket from 'ws';
import { adminToken, baseUrl, download, errorCode, newUser, ok } from '../support/api';
import {
  APPLICATION,
  APPLICATION_FIELDS,
  APPLICATIONS,
  applicationOf,
  approve,
  company,
  newSealForm,
  submit,
  trySubmit,
  tryReview,
  WITHDRAW,
  type ApplicationView,
  type TestUser,
} from '../support/applications';
import { samplePdf } from '../support/sample-pdf';
import { solidPng } from '../fixtures/solid-png';

const personalSeal = {
  type: 'NEW_SEAL',
  form: newSealForm({ name: '王五', sealType: 'PERSONAL' }),
};

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const base64 = (content: Buffer, fileName: string) => ({
  contentBase64: content.toString('base64'),
  fileName,
});

describe('who sees applications', () => {
  it('shows one to its applicant, its organisation’s ORG_ADMINs and platform admins only', async () => {
    const people = await company();
    const submitted = await submit(people.keeper.token, {
      type: 'NEW_SEAL',
      organizationId: people.organization.id,
      form: newSealForm(),
    });

    for (const user of [people.keeper, people.admin]) {
      expect((await applicationOf(submitted.id, user.token)).id).toBe(submitted.id);
    }
    expect((await applicationOf(submitted.id, await adminToken())).form.newSeal).not.toHaveProperty(
      'pin',
    );
    for (const user of [people.member, people.stranger]) {
      expect(await errorCode(APPLICATION, { id: submitted.id }, user.token)).toBe('FORBIDDEN');
    }
    expect(await errorCode(APPLICATION, { id: 'not-an-id' }, people.keeper.token)).toBe(
      'NOT_FOUND',
    );
    expect(await errorCode(APPLICATION, { id: submitted.id })).toBe('UNAUTHENTICATED');
  });

  it('lists your own, your organisations’ as ORG_ADMIN, and every one for platform admins', async () => {
    const people = await company();
    const companySeal = await submit(people.keeper.token, {
      type: 'NEW_SEAL',
      organizationId: people.organization.id,
      form: newSealForm(),
    });
    const keepersOwn = await submit(people.keeper.token, personalSeal);
    const membersOwn = await submit(people.member.token, personalSeal);
    const list = async (user: TestUser | string, filter: Record<string, unknown> = {}) => {
      const token = typeof user === 'string' ? user : user.token;
      const data = await ok<{ applications: { totalCount: number; items: { id: string }[] } }>(
        APPLICATIONS,
        { filter },
        token,
      );

      return data.applications.items.map((item) => item.id);
    };
    const inCompany = { organizationId: people.organization.id };

    expect(await list(people.keeper)).toEqual([keepersOwn.id, companySeal.id]);
    expect(await list(people.keeper, { mine: true, status: 'PENDING', type: 'NEW_SEAL' })).toEqual([
      keepersOwn.id,
      companySeal.id,
    ]);
    expect(await list(people.member)).toEqual([membersOwn.id]);
    expect(await list(people.member, inCompany)).toEqual([]);
    expect(await list(people.admin)).toEqual([companySeal.id]);
    expect(await list(people.admin, { ...inCompany, mine: true })).toEqual([]);
    const platform = await adminToken();
    expect(await list(platform, inCompany)).toEqual([companySeal.id]);
    expect(await list(platform, { ...inCompany, status: 'APPROVED' })).toEqual([]);
    const page = await ok<{ applications: { totalCount: number; items: unknown[] } }>(
      APPLICATIONS,
      { filter: { mine: true }, page: { limit: 1 } },
      people.keeper.token,
    );
    expect(page.applications).toMatchObject({ totalCount: 2, items: [{ id: keepersOwn.id }] });
    expect(await errorCode(APPLICATIONS, { filter: inCompany }, people.stranger.token)).toBe(
      'FORBIDDEN',
    );
  });
});

describe('attachments', () => {
  it('takes PDFs, PNGs and JPEGs by their content, multipart or base64, for the applicant and platform admins to download', async () => {
    const people = await company();
    const pdf = await samplePdf(1);
    const png = solidPng(40, 30, [200, 30, 30]);
    const jpeg = await sharp(png).jpeg().toBuffer();
    const operations = {
      query: `mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { ${APPLICATION_FIELDS} } }`,
      variables: {
        input: {
          type: 'NEW_SEAL',
          organizationId: people.organization.id,
          form: newSealForm(),
          attachments: [
            base64(pdf, '营业执照.png'),
            { file: null },
            { file: null, fileName: '授权书.jpg' },
          ],
        },
      },
    };
    const body = new FormData();
    body.append('operations', JSON.stringify(operations));
    body.append(
      'map',
      JSON.stringify({
        0: ['variables.input.attachments.1.file'],
        1: ['variables.input.attachments.2.file'],
      }),
    );
    body.append('0', new Blob([new Uint8Array(png)]), '身份证.png');
    body.append('1', new Blob([new Uint8Array(jpeg)]), 'ignored.jpg');
    const response = await fetch(`${baseUrl()}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${people.keeper.token}`, 'apollo-require-preflight': '1' },
      body,
    });
    const result = (await response.json()) as { data: { submitApplication: ApplicationView } };
    const { attachments } = result.data.submitApplication;

    expect(
      attachments.map(({ fileName, contentType, sizeBytes, sha256: digest }) => ({
        fileName,
        contentType,
        sizeBytes,
        sha256: digest,
      })),
    ).toEqual([
      {
        fileName: '营业执照.png',
        contentType: 'application/pdf',
        sizeBytes: pdf.length,
        sha256: sha256(pdf),
      },
      {
        fileName: '身份证.png',
        contentType: 'image/png',
        sizeBytes: png.length,
        sha256: sha256(png),
      },
      {
        fileName: '授权书.jpg',
        contentType: 'image/jpeg',
        sizeBytes: jpeg.length,
        sha256: sha256(jpeg),
      },
    ]);
    const url = attachments[0].url!;
    const mine = await download(url, people.keeper.token);
    expect(mine.headers.get('content-type')).toBe('application/pdf');
    expect(mine.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(Buffer.from(await mine.arrayBuffer())).toEqual(pdf);
    const reviewer = await download(attachments[1].url!, await adminToken());
    expect(Buffer.from(await reviewer.arrayBuffer())).toEqual(png);

    const seenByOrgAdmin = await applicationOf(
      result.data.submitApplication.id,
      people.admin.token,
    );
    expect(seenByOrgAdmin.attachments.map((attachment) => attachment.url)).toEqual([
      null,
      null,
      null,
    ]);
    expect((await download(url, people.admin.token)).status).toBe(404);
    expect((await download(url, people.stranger.token)).status).toBe(404);
    expect((await download(url)).status).toBe(401);
  });

  it('refuses other content, large files, more than five, and base64 without a name', async () => {
    const user = await newUser('attaching');
    const png = solidPng(8, 8, [0, 0, 0]);
    const refusal = async (attachments: unknown[]) =>
      (await trySubmit(user.token, { ...personalSeal, attachments })).errors?.[0]?.extensions;

    expect(await refusal([base64(Buffer.from('not a PDF at all'), '合同.pdf')])).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'attachments.0',
    });
    const gif = Buffer.from('R0lGODlhAQABAAAAACw=', 'base64');
    expect(await refusal([base64(png, 'a.png'), base64(gif, 'b.png')])).toMatchObject({
      field: 'attachments.1',
    });
    const truncatedPng = png.subarray(0, 12);
    expect(await refusal([base64(truncatedPng, 'c.png')])).toMatchObject({
      field: 'attachments.0',
    });
    expect(
      await refusal([base64(Buffer.alloc(5 * 1024 * 1024 + 3, 0x25), 'big.pdf')]),
    ).toMatchObject({ field: 'attachments.0' });
    expect(await refusal(Array.from({ length: 6 }, () => base64(png, 'p.png')))).toMatchObject({
      field: 'attachments',
    });
    expect(await refusal([{ contentBase64: png.toString('base64') }])).toMatchObject({
      field: 'attachments.0.fileName',
    });
    expect(await refusal([{}])).toMatchObject({ field: 'attachments.0.file' });

    const five = await submit(user.token, {
      ...personalSeal,
      attachments: Array.from({ length: 5 }, (_, n) => base64(png, `第${n + 1}页.png`)),
    });
    expect(five.attachments).toHaveLength(5);
  });
});

interface HeardEvent {
  type: string;
  application: { id: string; status: string; applicant: { id: string } };
}

/** A graphql-ws subscriber to applicationEvents, keeping what it hears. */
function listen(token?: string) {
  const client = createClient({
    url: `${baseUrl().replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
  const heard: HeardEvent[] = [];
  const refusals: (string | undefined)[] = [];
  const waiting = new Set<() => void>();
  const wake = () => {
    waiting.forEach((resolve) => resolve());
    waiting.clear();
  };
  client.subscribe<{ applicationEvents: HeardEvent }>(
    {
      query: `subscription { applicationEvents { type at application { id status applicant { id } } } }`,
    },
    {
      next: (result) => {
        if (result.data) heard.push(result.data.applicationEvents);
        result.errors?.forEach((error) => refusals.push(error.extensions?.code as string));
        wake();
      },
      // An error message (not a result) ends the subscription: it is a refusal too.
      error: (error) => {
        const errors = Array.isArray(error) ? (error as { extensions?: { code?: string } }[]) : [];
        refusals.push(errors[0]?.extensions?.code ?? 'CONNECTION_ERROR');
        wake();
      },
      complete: () => wake(),
    },
  );
  const until = async (match: (event: HeardEvent) => boolean): Promise<HeardEvent> => {
    for (;;) {
      const found = heard.find(match);
      if (found) return found;
      await new Promise<void>((resolve) => waiting.add(resolve));
    }
  };
  const refused = async (): Promise<string | undefined> => {
    while (refusals.length === 0) await new Promise<void>((resolve) => waiting.add(resolve));

    return refusals[0];
  };

  return { heard, until, refused, close: () => client.dispose() };
}

type Listener = ReturnType<typeof listen>;

/**
 * Subscribing completes on the server some time after the client sends it, and nothing says
 * when: so something the listener should hear is done again until it hears one.
 */
async function untilListening(listener: Listener, poke: () => Promise<unknown>): Promise<void> {
  while (listener.heard.length === 0) {
    await poke();
    await Promise.race([
      listener.until(() => true),
      new Promise((resolve) => setTimeout(resolve, 250)),
    ]);
  }
}

async function rejectedOwn(user: TestUser): Promise<ApplicationView> {
  const submitted = await submit(user.token, personalSeal);

  return (await tryReview({ id: submitted.id, decision: 'REJECT', note: '测试' })).data!
    .reviewApplication;
}

describe('applicationEvents', () => {
  it('tells platform admins of submissions and withdrawals, and applicants of decisions on theirs', async () => {
    const applicant = await newUser('applicant');
    const bystander = await newUser('bystander');
    const reviewers = listen(await adminToken());
    const mine = listen(applicant.token);
    const theirs = listen(bystander.token);
    try {
      await untilListening(reviewers, () => submit(bystander.token, personalSeal));
      await untilListening(mine, () => rejectedOwn(applicant));
      await untilListening(theirs, () => rejectedOwn(bystander));

      const submitted = await submit(applicant.token, personalSeal);
      expect(await reviewers.until((e) => e.application.id === submitted.id)).toMatchObject({
        type: 'SUBMITTED',
        application: { status: 'PENDING', applicant: { id: applicant.id } },
      });
      await approve(submitted.id);
      expect(await mine.until((e) => e.application.id === submitted.id)).toMatchObject({
        type: 'APPROVED',
        application: { status: 'APPROVED' },
      });
      const withdrawn = await submit(applicant.token, personalSeal);
      await ok(WITHDRAW, { input: { id: withdrawn.id } }, applicant.token);
      expect(
        await reviewers.until((e) => e.application.id === withdrawn.id && e.type === 'WITHDRAWN'),
      ).toMatchObject({ application: { status: 'WITHDRAWN' } });
      const last = await rejectedOwn(bystander);
      await theirs.until((e) => e.application.id === last.id);

      expect(theirs.heard.every((e) => e.application.applicant.id === bystander.id)).toBe(true);
      expect(mine.heard.every((e) => ['APPROVED', 'REJECTED'].includes(e.type))).toBe(true);
      expect(reviewers.heard.every((e) => ['SUBMITTED', 'WITHDRAWN'].includes(e.type))).toBe(true);
    } finally {
      await Promise.all([reviewers.close(), mine.close(), theirs.close()]);
    }
  });

  it('refuses a subscriber who is not signed in', async () => {
    const anonymous = listen();
    try {
      expect(await anonymous.refused()).toBe('UNAUTHENTICATED');
    } finally {
      await anonymous.close();
    }
  });
});
