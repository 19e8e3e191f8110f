import { expectValidSignedPdf } from '../helpers/signed-pdf-checks';
import {
  adminToken,
  caPem,
  createSeal,
  downloadBytes,
  errorCode,
  newUser,
  ok,
  signDocument,
  uploadPdf,
  type SealView,
} from '../support/api';
import {
  applicationOf,
  approve,
  company,
  newSealForm,
  REMOVE_MEMBER,
  submit,
  trySubmit,
  tryReview,
  WITHDRAW,
  type Company,
} from '../support/applications';
import { sql } from '../support/database';
import { samplePdf } from '../support/sample-pdf';
import { CONTRACT_SEAL_PT } from '../support/signing-session';

const SEAL = `query ($id: ID!) { seal(id: $id) { id name status validTo owner { id } } }`;
const DELETE = `mutation ($input: DeleteSealInput!) { deleteSeal(input: $input) { status } }`;

const codeOf = (result: { errors?: { extensions?: { code?: string } }[] }) =>
  result.errors?.[0]?.extensions;

/**
 * The history of one application — its own events and those of what it did to a seal — by
 * action: events of one transaction may share a millisecond, so their order is not asserted.
 */
async function historyOf(applicationId: string) {
  return sql<{ action: string; actor_id: string; seal_id: string | null; payload: never }>(
    `select action, actor_id, seal_id, payload from history_event
      where payload->>'applicationId' = $1 order by action`,
    [applicationId],
  );
}

/** A company seal made directly by its keeper. */
const keptSeal = (people: Company, input: Record<string, unknown> = {}) =>
  createSeal(people.keeper.token, {
    organizationId: people.organization.id,
    ownerName: undefined,
    ...input,
  });

describe('applying for a new seal', () => {
  it('makes the seal on approval: kept by the applicant, held by the organisation, signing with the PIN given', async () => {
    const people = await company();
    const submitted = await submit(people.keeper.token, {
      type: 'NEW_SEAL',
      organizationId: people.organization.id,
      form: newSealForm({ validDays: 400 }),
    });

    expect(submitted).toMatchObject({
      status: 'PENDING',
      applicant: { id: people.keeper.id },
      organization: { id: people.organization.id },
      seal: null,
      resultSeal: null,
      form: {
        newSeal: {
          name: '合同专用章',
          sealType: 'CONTRACT',
          keyAlgorithm: 'RSA_2048',
          validDays: 400,
          ownerName: people.organization.name,
        },
        renewSeal: null,
      },
    });
    const [stored] = await sql<{ pin_hash: string; form: string }>(
      `select pin_hash, form::text from application where id = $1`,
      [submitted.id],
    );
    expect(stored.pin_hash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(stored)).not.toContain('246810');

    const approved = await approve(submitted.id, '材料齐全');

    expect(approved).toMatchObject({
      status: 'APPROVED',
      reviewNote: '材料齐全',
      resultSeal: {
        name: '合同专用章',
        status: 'ACTIVE',
        owner: { id: people.keeper.id },
        organization: { id: people.organization.id },
      },
    });
    expect(approved.reviewedAt).not.toBeNull();
    const sealId = approved.resultSeal!.id;
    const input = await samplePdf(1);
    const document = await uploadPdf(people.keeper.token, input);
    const placement = { page: 1, x: 200, y: 200 };
    const signature = await signDocument(people.keeper.token, {
      documentId: document.id,
      sealId,
      signerName: '李四',
      pin: '246810',
      placement,
    });
    expect(signature.seal.id).toBe(sealId);
    await expectValidSignedPdf({
      input,
      output: await downloadBytes(document.downloadUrl, people.keeper.token),
      caPem: await caPem(),
      seal: { ...placement, width: CONTRACT_SEAL_PT, height: CONTRACT_SEAL_PT },
    });
    const [after] = await sql<{ pin_hash: string | null }>(
      `select pin_hash from application where id = $1`,
      [submitted.id],
    );
    expect(after.pin_hash).toBeNull();
    const history = await historyOf(submitted.id);
    expect(history.map((event) => [event.action, event.seal_id])).toEqual([
      ['APPLICATION_APPROVED', sealId],
      ['APPLICATION_SUBMITTED', null],
      ['SEAL_CREATED', sealId],
    ]);
  });

  it('lets anyone apply for a personal seal of their own, once they accepted the agreement', async () => {
    const person = await newUser('person');
    const personal = {
      type: 'NEW_SEAL',
      form: newSealForm({ name: '李四', sealType: 'PERSONAL' }),
    };
    const submitted = await submit(person.token, personal);
    expect(submitted.form.newSeal).toMatchObject({ sealType: 'PERSONAL', ownerName: '张三' });
    expect(submitted.organization).toBeNull();

    const approved = await approve(submitted.id);
    expect(approved.resultSeal).toMatchObject({ owner: { id: person.id }, organization: null });

    const newcomer = await newUser('newcomer', { acceptAgreement: false });
    expect(codeOf(await trySubmit(newcomer.token, personal))).toMatchObject({
      code: 'AGREEMENT_REQUIRED',
    });
  });

  it('refuses company seals to members who do not keep seals and to outsiders', async () => {
    const people = await company();
    const input = { type: 'NEW_SEAL', organizationId: people.organization.id, form: newSealForm() };

    expect(codeOf(await trySubmit(people.member.token, input))?.code).toBe('FORBIDDEN');
    expect(codeOf(await trySubmit(people.stranger.token, input))?.code).toBe('FORBIDDEN');
    expect(
      codeOf(await trySubmit(people.admin.token, { ...input, organizationId: undefined })),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organizationId' });
    expect((await submit(people.admin.token, input)).status).toBe('PENDING');
  });

  it('checks the form by the rules of createSeal at submission, and stores nothing refused', async () => {
    const people = await company();
    const refusal = async (input: Record<string, unknown>) =>
      codeOf(
        await trySubmit(people.keeper.token, {
          type: 'NEW_SEAL',
          organizationId: people.organization.id,
          ...input,
        }),
      );

    expect(await refusal({ form: newSealForm({ pin: '12ab' }) })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'form.newSeal.pin',
    });
    expect(
      await refusal({ form: newSealForm({ name: '一二三四五六七八九十一二三' }) }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(await refusal({ form: newSealForm({ validDays: 0 }) })).toMatchObject({
      field: 'validDays',
    });
    expect(await refusal({ form: newSealForm({ ownerName: '别的公司' }) })).toMatchObject({
      field: 'ownerName',
    });
    expect(
      await refusal({ form: newSealForm({ sealType: 'INVOICE', sealCode: '1' }) }),
    ).toMatchObject({ field: 'sealCode' });
    expect(
      await refusal({ form: newSealForm({ sealType: 'HANDWRITTEN' }), organizationId: undefined }),
    ).toMatchObject({ field: 'form.newSeal.sealType' });
    expect(await refusal({ form: { renewSeal: { validDays: 30 } } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'form',
    });
    expect(
      await refusal({ form: { ...newSealForm(), cancelSeal: { reason: '两份表单' } } }),
    ).toMatchObject({ field: 'form' });
    const seal = await keptSeal(people);
    expect(await refusal({ form: newSealForm(), sealId: seal.id })).toMatchObject({
      field: 'sealId',
    });

    const stored = await sql(`select id from application where applicant_id = $1`, [
      people.keeper.id,
    ]);
    expect(stored).toEqual([]);
  });
});

describe('applying to renew, change or cancel a seal', () => {
  it('renews, changes and cancels on approval, recording what was done with the application', async () => {
    const people = await company();
    const seal = await keptSeal(people);
    const about = { organizationId: people.organization.id, sealId: seal.id };

    const renewal = await submit(people.keeper.token, {
      ...about,
      type: 'RENEW_SEAL',
      form: { renewSeal: { validDays: 730 } },
    });
    expect(renewal).toMatchObject({
      seal: { id: seal.id },
      form: { renewSeal: { validDays: 730 } },
    });
    await approve(renewal.id);
    const renewed = await ok<{ seal: SealView }>(SEAL, { id: seal.id }, people.keeper.token);
    expect(Date.parse(renewed.seal.validTo) - Date.parse(seal.validTo)).toBeGreaterThan(
      300 * 86_400_000,
    );

    const change = await submit(people.admin.token, {
      ...about,
      type: 'CHANGE_SEAL',
      form: { changeSeal: { name: '合同章' } },
    });
    expect(change.form.changeSeal).toMatchObject({ name: '合同章', changed: ['name'] });
    const changed = await approve(change.id);
    expect(changed.resultSeal).toMatchObject({ id: seal.id, name: '合同章' });

    const cancellation = await submit(people.keeper.token, {
      ...about,
      type: 'CANCEL_SEAL',
      form: { cancelSeal: { reason: '公司合并，印章停用' } },
    });
    expect((await approve(cancellation.id)).resultSeal).toMatchObject({ status: 'REVOKED' });

    const actions = async (id: string) => (await historyOf(id)).map((event) => event.action);
    expect(await actions(renewal.id)).toEqual([
      'APPLICATION_APPROVED',
      'APPLICATION_SUBMITTED',
      'SEAL_RENEWED',
    ]);
    expect(await actions(change.id)).toContain('SEAL_UPDATED');
    const cancelled = await historyOf(cancellation.id);
    expect(cancelled.find((event) => event.action === 'SEAL_DELETED')).toMatchObject({
      seal_id: seal.id,
      payload: { reason: '公司合并，印章停用', applicantId: people.keeper.id },
    });
  });

  it('refuses whoever may not do it themselves, and forms the seal itself would refuse', async () => {
    const people = await company();
    const seal = await keptSeal(people);
    const refusal = async (user: { token: string }, input: Record<string, unknown>) =>
      codeOf(await trySubmit(user.token, { sealId: seal.id, ...input }));
    const renew = { type: 'RENEW_SEAL', form: { renewSeal: { validDays: 30 } } };
    const cancel = { type: 'CANCEL_SEAL', form: { cancelSeal: { reason: '不再使用' } } };

    expect((await refusal(people.member, renew))?.code).toBe('FORBIDDEN');
    expect((await refusal(people.stranger, renew))?.code).toBe('FORBIDDEN');
    const otherKeeper = await newUser('keeper-2');
    await ok(
      `mutation ($input: AddOrganizationMemberInput!) { addOrganizationMember(input: $input) { id } }`,
      {
        input: {
          organizationId: people.organization.id,
          login: otherKeeper.username,
          role: 'SEAL_KEEPER',
        },
      },
      people.admin.token,
    );
    expect((await refusal(otherKeeper, cancel))?.code).toBe('FORBIDDEN');
    expect(await refusal(otherKeeper, renew)).toBeUndefined();
    expect(await refusal(people.admin, cancel)).toBeUndefined();

    const change = (form: Record<string, unknown>) => ({
      type: 'CHANGE_SEAL',
      form: { changeSeal: form },
    });
    expect(await refusal(people.keeper, change({ name: seal.name }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'form.changeSeal',
    });
    expect(await refusal(people.keeper, change({ ownerName: '别的公司' }))).toMatchObject({
      field: 'ownerName',
    });
    expect(
      await refusal(people.keeper, { ...renew, form: { renewSeal: { validDays: 5000 } } }),
    ).toMatchObject({ field: 'validDays' });
    expect(await refusal(people.keeper, { ...renew, sealId: undefined })).toMatchObject({
      field: 'sealId',
    });
    expect(
      await refusal(people.keeper, { ...renew, organizationId: (await company()).organization.id }),
    ).toMatchObject({ field: 'organizationId' });

    await ok(DELETE, { input: { id: seal.id, confirmName: seal.name } }, people.admin.token);
    expect((await refusal(people.keeper, renew))?.code).toBe('SEAL_REVOKED');
  });
});

describe('reviewing', () => {
  it('changes nothing when the approval can no longer be carried out, and says why', async () => {
    const people = await company();
    const seal = await keptSeal(people);
    const renewal = await submit(people.keeper.token, {
      type: 'RENEW_SEAL',
      sealId: seal.id,
      form: { renewSeal: { validDays: 90 } },
    });
    const cancellation = await submit(people.admin.token, {
      type: 'CANCEL_SEAL',
      sealId: seal.id,
      form: { cancelSeal: { reason: '遗失' } },
    });

    await ok(
      REMOVE_MEMBER,
      { input: { organizationId: people.organization.id, userId: people.keeper.id } },
      people.admin.token,
    );
    expect(codeOf(await tryReview({ id: renewal.id, decision: 'APPROVE' }))?.code).toBe(
      'FORBIDDEN',
    );
    await ok(DELETE, { input: { id: seal.id, confirmName: seal.name } }, people.admin.token);
    expect(codeOf(await tryReview({ id: cancellation.id, decision: 'APPROVE' }))?.code).toBe(
      'SEAL_REVOKED',
    );

    for (const id of [renewal.id, cancellation.id]) {
      expect((await applicationOf(id, await adminToken())).status).toBe('PENDING');
      expect((await historyOf(id)).map((event) => event.action)).toEqual(['APPLICATION_SUBMITTED']);
    }
    const certificates = await sql<{ n: string }>(
      `select count(*) as n from seal_certificate where seal_id = $1`,
      [seal.id],
    );
    expect(certificates[0].n).toBe('1');
    const rejected = await tryReview({ id: renewal.id, decision: 'REJECT', note: '已离职' });
    expect(rejected.data?.reviewApplication).toMatchObject({ status: 'REJECTED' });
  });

  it('is for platform administrators, once, not of their own, and a rejection says why', async () => {
    const people = await company();
    const submitted = await submit(people.admin.token, {
      type: 'NEW_SEAL',
      organizationId: people.organization.id,
      form: newSealForm(),
    });

    expect(
      codeOf(await tryReview({ id: submitted.id, decision: 'APPROVE' }, people.admin.token)),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(codeOf(await tryReview({ id: submitted.id, decision: 'REJECT' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'note',
    });
    const rejected = await tryReview({
      id: submitted.id,
      decision: 'REJECT',
      note: '请补充营业执照',
    });
    expect(rejected.data?.reviewApplication).toMatchObject({
      status: 'REJECTED',
      reviewNote: '请补充营业执照',
      resultSeal: null,
    });
    expect(codeOf(await tryReview({ id: submitted.id, decision: 'APPROVE' }))?.code).toBe(
      'CONFLICT',
    );
    const admin = await adminToken();
    const [me] = await Promise.all([ok<{ me: { id: string } }>(`{ me { id } }`, {}, admin)]);
    expect(rejected.data?.reviewApplication.reviewer).toEqual({ id: me.me.id });

    await ok(
      `mutation ($i: AcceptAgreementInput!) { acceptAgreement(input: $i) { acceptedAt } }`,
      {
        i: {
          agreementId: (
            await ok<{ currentAgreement: { id: string } }>(`{ currentAgreement { id } }`)
          ).currentAgreement.id,
        },
      },
      admin,
    );
    const own = await submit(admin, {
      type: 'NEW_SEAL',
      form: newSealForm({ name: '管理员', sealType: 'PERSONAL' }),
    });
    expect(codeOf(await tryReview({ id: own.id, decision: 'APPROVE' }))?.code).toBe('FORBIDDEN');
    expect(codeOf(await tryReview({ id: 'no-such-id', decision: 'APPROVE' }))?.code).toBe(
      'NOT_FOUND',
    );
  });

  it('lets the applicant withdraw while pending, and only then', async () => {
    const people = await company();
    const submitted = await submit(people.keeper.token, {
      type: 'NEW_SEAL',
      organizationId: people.organization.id,
      form: newSealForm(),
    });

    expect(await errorCode(WITHDRAW, { input: { id: submitted.id } }, people.admin.token)).toBe(
      'FORBIDDEN',
    );
    const withdrawn = await ok<{ withdrawApplication: { status: string; withdrawnAt: string } }>(
      WITHDRAW,
      { input: { id: submitted.id } },
      people.keeper.token,
    );
    expect(withdrawn.withdrawApplication.status).toBe('WITHDRAWN');
    expect(withdrawn.withdrawApplication.withdrawnAt).not.toBeNull();
    expect(await errorCode(WITHDRAW, { input: { id: submitted.id } }, people.keeper.token)).toBe(
      'CONFLICT',
    );
    expect(codeOf(await tryReview({ id: submitted.id, decision: 'APPROVE' }))?.code).toBe(
      'CONFLICT',
    );
    const [row] = await sql<{ pin_hash: string | null }>(
      `select pin_hash from application where id = $1`,
      [submitted.id],
    );
    expect(row.pin_hash).toBeNull();
    expect((await historyOf(submitted.id)).map((event) => event.action)).toEqual([
      'APPLICATION_SUBMITTED',
      'APPLICATION_WITHDRAWN',
    ]);
  });
});
