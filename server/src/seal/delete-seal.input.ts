import { Field, ID, InputType } from 'type-graphql';

@InputType({
  description:
    'Irreversible: the certificates are revoked, the key destroyed; the record and history stay.',
})
export class DeleteSealInput {
  @Field(() => ID)
  id!: string;

  @Field({ description: "The seal's name, typed again, to confirm." })
  confirmName!: string;
}
