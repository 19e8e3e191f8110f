import sharp from 'sharp';
import { expectValidSignedPdf } from '../helpers/signed-pdf-checks';
import { inkScan, SEAL_RED } from '../fixtures/ink-images';
import {
  baseUrl,
  caPem,
  createSeal,
  download,
  downloadBytes,
  errorCode,
  newUser,
  ok,
  signDocument,
  tryCreateSeal,
  uploadPdf,
  type GraphQLResult,
} from '../support/api';
import { sql } from '../support/database';
import { samplePdf } from '../support/sample-pdf';

interface SealImageView {
  name: string;
  ownerName: string;
  sealCode: string | null;
  taxpayerNumber: string | null;
  imageSource: 'DRAWN' | 'UPLOADED';
  imageUrl: string;
  imageSvg: string | null;
  imageSvgUrl: string | null;
  certificate: { serialNumber: string };
}

const IMAGE_FIELDS = `name ownerName sealCode taxpayerNumber imageSource imageUrl imageSvg imageSvgUrl
  certificate { serialNumber }`;

const sealImage = async (token: string, id: string): Promise<SealImageView> =>
  (
    await ok<{ seal: SealImageView }>(
      `query ($id: ID!) { seal(id: $id) { ${IMAGE_FIELDS} } }`,
      {
        id,
      },
      token,
    )
  ).seal;

const UPDATE_SEAL = `mutation ($input: UpdateSealInput!) { updateSeal(input: $input) { ${IMAGE_FIELDS} } }`;

const updateSeal = async (token: string, input: Record<string, unknown>) =>
  (await ok<{ updateSeal: SealImageView }>(UPDATE_SEAL, { input }, token)).updateSeal;

/** The PNG behind `imageUrl`, decoded to RGBA. */
async function fetchPng(url: string, token: string) {
  const png = await downloadBytes(url, token);
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const pixel = (x: number, y: number) =>
    data.subarray((y * info.width + x) * 4, (y * info.width + x) * 4 + 4);
  const [right, bottom] = [info.width - 1, info.height - 1];
  const corners = [pixel(0, 0), pixel(right, 0), pixel(0, bottom), pixel(right, bottom)];
  let red = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] > 200 && data[i] > 180 && data[i + 1] < 80 && data[i + 2] < 80) red++;
  }

  return { width: info.width, height: info.height, corners, red };
}

const pxAt600Dpi = (mm: number) => Math.round((mm / 25.4) * 600);

const ORG = '杭州示例科技有限公司';

const DRAWN: [string, Record<string, unknown>, [number, number]][] = [
  ['OFFICIAL', { name: '公章', sealCode: '3301060123456' }, [42, 42]],
  ['CONTRACT', { name: '合同专用章' }, [40, 40]],
  ['FINANCE', { name: '财务专用章', sealCode: '3301060123457' }, [40, 40]],
  ['INVOICE', { name: '发票专用章', taxpayerNumber: '91330106MA2XXXXX8K' }, [40, 30]],
  ['PERSONAL', { name: '张三', ownerName: '张三' }, [20, 20]],
  ['LEGAL_REPRESENTATIVE', { name: '法定代表人章', ownerName: '王小明' }, [20, 20]],
];

describe('drawn seal images', () => {
  it.each(DRAWN)(
    'draws a %s seal at its conventional size, red on transparent, with SVG',
    async (type, extra, [wMm, hMm]) => {
      const { token } = await newUser();
      const seal = await createSeal(token, { type, ownerName: ORG, ...extra });

      const view = await sealImage(token, seal.id);
      const png = await fetchPng(view.imageUrl, token);

      expect(png.width).toBe(pxAt600Dpi(wMm));
      expect(Math.abs(png.height - (png.width * hMm) / wMm)).toBeLessThanOrEqual(1);
      expect(png.corners.every((pixel) => pixel[3] === 0)).toBe(true);
      expect(png.red).toBeGreaterThan(1000);
      expect(view.imageSource).toBe('DRAWN');
      expect(view.imageSvg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+">.*<path d=/);
      expect(view).toMatchObject({
        sealCode: extra.sealCode ?? null,
        taxpayerNumber: extra.taxpayerNumber ?? null,
      });
    },
  );

  it('serves the SVG at imageSvgUrl, inert under a restrictive content policy', async () => {
    const { token } = await newUser();
    const seal = await createSeal(token);
    const view = await sealImage(token, seal.id);

    const response = await download(view.imageSvgUrl!, token);

    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(await response.text()).toBe(view.imageSvg);
    expect((await download(view.imageSvgUrl!)).status).toBe(401);
  });

  it.each([
    ['a seal code of 12 digits', { type: 'OFFICIAL', sealCode: '330106012345' }, 'sealCode'],
    ['a seal code with a letter', { type: 'CONTRACT', sealCode: '33010601234A6' }, 'sealCode'],
    ['a seal code on a personal seal', { type: 'PERSONAL', sealCode: '3301060123456' }, 'sealCode'],
    [
      'an invoice seal of no organisation, so with no taxpayer number to default to',
      { type: 'INVOICE', organizationId: null },
      'organizationId',
    ],
    [
      'a taxpayer number of 14 characters',
      { type: 'INVOICE', taxpayerNumber: '91330106MA2XXX' },
      'taxpayerNumber',
    ],
  ])('refuses %s', async (_, input, field) => {
    const { token } = await newUser();

    await expect(createSeal(token, input)).rejects.toThrow(
      new RegExp(`"code": "BAD_USER_INPUT",\\s*"field": "${field}"`),
    );
  });
});

describe('uploaded seal images', () => {
  it.each(['png', 'jpeg'] as const)(
    'makes a handwritten signature from a %s scan: paper transparent, cropped to the ink',
    async (format) => {
      const { token } = await newUser();
      const scan = await inkScan(format);
      const seal = await createSeal(token, {
        type: 'HANDWRITTEN',
        name: '张三',
        ownerName: '张三',
        imageBase64: scan.bytes.toString('base64'),
      });

      const view = await sealImage(token, seal.id);
      const png = await fetchPng(view.imageUrl, token);

      expect(view).toMatchObject({ imageSource: 'UPLOADED', imageSvg: null, imageSvgUrl: null });
      expect(png.corners.every((pixel) => pixel[3] === 0)).toBe(true);
      // The 240 × 80 px mark of a 400 × 300 scan, with a thin margin: about 3:1, not 4:3.
      expect(png.width / png.height).toBeGreaterThan(2.7);
      expect(png.width / png.height).toBeLessThan(3.1);
      expect((await download(`${baseUrl()}/files/seals/${seal.id}/image.svg`, token)).status).toBe(
        404,
      );
    },
  );

  it.each([
    ['bytes that are no image', Buffer.from('%PDF-1.7\n%%EOF\n')],
    ['a blank page', null],
  ])('refuses %s with INVALID_IMAGE', async (_, bytes) => {
    const { token } = await newUser();
    const blank = await sharp({
      create: { width: 300, height: 200, channels: 3, background: '#fff' },
    })
      .png()
      .toBuffer();
    const imageBase64 = (bytes ?? blank).toString('base64');

    await expect(createSeal(token, { type: 'HANDWRITTEN', imageBase64 })).rejects.toThrow(
      /INVALID_IMAGE/,
    );
  });

  it('refuses a handwritten signature without a scan, and a drawing in place of its scan', async () => {
    const { token } = await newUser();
    const handwritten = { type: 'HANDWRITTEN', name: '张三', ownerName: '张三' };
    const created = await tryCreateSeal(token, handwritten);
    expect(created.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'image',
    });

    const scan = await inkScan('png');
    const seal = await createSeal(token, {
      ...handwritten,
      imageBase64: scan.bytes.toString('base64'),
    });
    const redraw = { input: { id: seal.id, redraw: true } };
    expect(await errorCode(UPDATE_SEAL, redraw, token)).toBe('BAD_USER_INPUT');
    expect((await sealImage(token, seal.id)).imageSource).toBe('UPLOADED');
  });

  it('signs a PDF with an uploaded seal image, the seal visible where placed', async () => {
    const { token } = await newUser();
    const scan = await inkScan('png', SEAL_RED);
    const seal = await createSeal(token, {
      type: 'OFFICIAL',
      name: '公章',
      imageBase64: scan.bytes.toString('base64'),
    });
    const input = await samplePdf(1);
    const document = await uploadPdf(token, input);
    const placement = { page: 1, x: 300, y: 400 };

    await signDocument(token, {
      documentId: document.id,
      sealId: seal.id,
      placement,
      signerName: '张三',
    });

    const output = await downloadBytes(document.downloadUrl, token);
    // The 42 mm box holds the mark, 240 × 80 px with a 5 px margin: 42 mm wide, 90/250 as tall.
    const widthPt = (42 / 25.4) * 72;
    await expectValidSignedPdf({
      input,
      output,
      caPem: await caPem(),
      seal: { ...placement, width: widthPt, height: (widthPt * 90) / 250 },
    });
  });
});

describe('updating a seal', () => {
  it('redraws a drawn seal whose name changed, certifies the new name, and records which fields changed', async () => {
    const { token } = await newUser();
    const seal = await createSeal(token, { type: 'OFFICIAL', name: '公章' });
    const before = await sealImage(token, seal.id);

    const after = await updateSeal(token, {
      id: seal.id,
      name: '合同专用章',
      sealCode: '3301060123456',
    });

    expect(after).toMatchObject({
      name: '合同专用章',
      sealCode: '3301060123456',
      imageSource: 'DRAWN',
    });
    expect(after.imageSvg).not.toBe(before.imageSvg);
    expect(after.certificate.serialNumber).not.toBe(before.certificate.serialNumber);
    const events = await historyOf(seal.id);
    expect(events.at(-1)).toEqual({
      action: 'SEAL_UPDATED',
      payload: {
        changed: ['name', 'sealCode', 'image'],
        imageSource: 'DRAWN',
        serialNumber: after.certificate.serialNumber,
      },
    });
  });

  it('takes an uploaded image as a multipart file, then draws again on request', async () => {
    const { token } = await newUser();
    const seal = await createSeal(token, { type: 'PERSONAL', name: '李四', ownerName: '李四' });
    const scan = await inkScan('jpeg', SEAL_RED);

    const uploaded = await multipartUpdate(token, { id: seal.id, image: null }, scan.bytes);
    expect(uploaded.errors).toBeUndefined();
    expect(uploaded.data!.updateSeal).toMatchObject({ imageSource: 'UPLOADED', imageSvg: null });
    const png = await fetchPng(uploaded.data!.updateSeal.imageUrl, token);
    expect(png.corners.every((pixel) => pixel[3] === 0)).toBe(true);
    expect(png.red).toBeGreaterThan(100);

    // A text change leaves an uploaded image alone; `redraw` brings the drawing back.
    const renamed = await updateSeal(token, { id: seal.id, ownerName: '李小四' });
    expect(renamed).toMatchObject({ ownerName: '李小四', imageSource: 'UPLOADED' });
    const redrawn = await updateSeal(token, { id: seal.id, redraw: true });
    expect(redrawn.imageSource).toBe('DRAWN');
    expect(redrawn.imageSvg).toContain('<path');
    const events = (await historyOf(seal.id)).filter((e) => e.action === 'SEAL_UPDATED');
    expect(events.map((e) => e.payload.changed)).toEqual([['image'], ['ownerName'], ['image']]);
    expect(JSON.stringify(events)).not.toMatch(/base64|iVBOR|\/9j\//);
  });

  it('refuses another user, a deleted seal, and a garbage image, changing nothing', async () => {
    const owner = await newUser();
    const stranger = await newUser();
    const seal = await createSeal(owner.token);
    const input = { id: seal.id, name: '财务专用章' };

    expect(await errorCode(UPDATE_SEAL, { input }, stranger.token)).toBe('FORBIDDEN');
    const garbage = { ...input, imageBase64: Buffer.from('not an image').toString('base64') };
    expect(await errorCode(UPDATE_SEAL, { input: garbage }, owner.token)).toBe('INVALID_IMAGE');
    expect((await sealImage(owner.token, seal.id)).name).toBe('合同专用章');
    await ok(
      `mutation ($input: DeleteSealInput!) { deleteSeal(input: $input) { id } }`,
      { input: { id: seal.id, confirmName: '合同专用章' } },
      owner.token,
    );
    expect(await errorCode(UPDATE_SEAL, { input }, owner.token)).toBe('SEAL_REVOKED');
  });
});

async function historyOf(sealId: string) {
  return sql<{ action: string; payload: { changed: string[]; imageSource: string } }>(
    `select action, payload from history_event where seal_id = $1 order by at, id`,
    [sealId],
  );
}

/** updateSeal through the GraphQL multipart request spec, the file at `variables.input.image`. */
async function multipartUpdate(
  token: string,
  input: Record<string, unknown>,
  file: Buffer,
): Promise<GraphQLResult<{ updateSeal: SealImageView }>> {
  const body = new FormData();
  body.append('operations', JSON.stringify({ query: UPDATE_SEAL, variables: { input } }));
  body.append('map', JSON.stringify({ 0: ['variables.input.image'] }));
  body.append('0', new Blob([new Uint8Array(file)], { type: 'image/jpeg' }), 'seal.jpg');
  const response = await fetch(`${baseUrl()}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
    body,
  });

  return (await response.json()) as GraphQLResult<{ updateSeal: SealImageView }>;
}
