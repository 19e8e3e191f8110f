import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A new organisation; whoever creates it becomes its ORG_ADMIN.' })
export class CreateOrganizationInput {
  @Field({ description: 'Registered name, 1–24 characters (it runs along the seals’ upper arc).' })
  name!: string;

  @Field({ description: 'The 18-character unified social credit code, with its check character.' })
  unifiedSocialCreditCode!: string;

  @Field({ description: 'The legal representative (法定代表人), 1–12 characters.' })
  legalRepresentative!: string;
}
